import http.client, subprocess, sys, time, os, json
def run(dll, port, env):
    t0 = time.monotonic()
    p = subprocess.Popen(["dotnet", dll, "serve", "catalog", "--temp", "--api-key", "secret", "--port", str(port)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **env})
    while True:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port); c.request("GET", "/healthz"); r = c.getresponse(); r.read()
            if r.status == 200: break
        except OSError: pass
        time.sleep(0.005)
    wall = time.monotonic() - t0
    f = open(f"/proc/{p.pid}/stat").read().split(")")[1].split()
    cpu = (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    p.terminate(); p.wait()
    return wall, cpu
dll = sys.argv[1]; env = dict(a.split("=") for a in sys.argv[3:])
res = [run(dll, int(sys.argv[2]) + i, env) for i in range(5)]
print(json.dumps({"dll": dll, "env": env, "wall_s": [round(w, 2) for w, _ in res], "cpu_s": [round(c, 2) for _, c in res], "load": round(os.getloadavg()[0], 1)}))
