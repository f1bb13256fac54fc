import http.client, json, multiprocessing, subprocess, sys, time, os, struct

def writer(port, key, seconds, q):
    c = http.client.HTTPConnection("127.0.0.1", port)
    h = {"Authorization": "Apikey secret", "Content-Type": "application/octet-stream"}
    start = time.monotonic(); stamps = []
    body = struct.pack("<q", 7)
    while (now := time.monotonic()) - start < seconds:
        c.request("PUT", f"/api/v1/array/full/{key}", body, h); r = c.getresponse(); r.read()
        assert r.status == 200, r.status
        stamps.append(now - start)
    q.put(stamps)

def main(dll, port, seconds, writers, env_extra):
    t0 = time.monotonic()
    p = subprocess.Popen(["dotnet", dll, "serve", "catalog", "--temp", "--api-key", "secret", "--port", str(port)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **env_extra})
    while True:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port); c.request("GET", "/healthz"); r = c.getresponse(); r.read()
            if r.status == 200: break
        except OSError: pass
        time.sleep(0.01)
    ready = time.monotonic() - t0
    c = http.client.HTTPConnection("127.0.0.1", port)
    for i in range(writers):
        body = json.dumps({"structure_family": "array", "id": f"w{i}", "metadata": {}, "data_sources": [{"structure_family": "array", "management": "writable",
            "structure": {"data_type": {"endianness": "little", "kind": "i", "itemsize": 8}, "shape": [1], "chunks": [[1]]}}]})
        c.request("POST", "/api/v1/metadata/", body, {"Authorization": "Apikey secret", "Content-Type": "application/json"}); r = c.getresponse(); r.read()
    q = multiprocessing.Queue()
    ps = [multiprocessing.Process(target=writer, args=(port, f"w{i}", seconds, q)) for i in range(writers)]
    for w in ps: w.start()
    stamps = sorted(s for _ in ps for s in q.get())
    for w in ps: w.join()
    p.terminate(); p.wait()
    first5 = sum(1 for s in stamps if s < 5) / 5
    last5 = sum(1 for s in stamps if seconds - 5 <= s < seconds) / 5
    per_s = [sum(1 for s in stamps if k <= s < k + 1) for k in range(int(seconds))]
    print(json.dumps({"dll": dll, "env": env_extra, "ready_s": round(ready, 2), "first5_per_s": first5, "last5_per_s": last5, "per_second": per_s, "load": os.getloadavg()[0]}))

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), dict(a.split("=") for a in sys.argv[5:]))
