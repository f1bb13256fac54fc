namespace Tiled.IntegrationTests.Interop;

/// <summary>
/// The Python side of the external-reader interop tests: writes .npy files (numpy.save and
/// numpy.lib.format v2/v3), raw files (ndarray.tofile), Zarr v2 arrays (zarr.open with Zlib/GZip
/// compressors), TIFFs (tifffile.imwrite; Pillow through libtiff for LZW and PackBits) and a TIFF
/// sequence under <c>argv[1]/data</c>, reads each back with the independent reader, and prints a JSON
/// manifest: per entry the paths, the dtype numpy reports, the shape and the values as little-endian
/// C-order bytes (base64). It also plants a secret outside the root and links pointing at it.
/// </summary>
internal static class ExternalInteropScript
{
    public const string Imports = "import numpy, tifffile, zarr, numcodecs, PIL";

    public const string Source = """
        import base64, json, os, sys
        import numpy as np, tifffile, zarr, numcodecs
        from PIL import Image

        base = sys.argv[1]
        root = os.path.join(base, "data")
        outside = os.path.join(base, "outside")
        os.makedirs(os.path.join(root, "seq"))
        os.makedirs(outside)
        rng = np.random.default_rng(20240611)
        manifest = {}

        def record(name, read, paths, original=None, **extra):
            if original is not None:
                assert np.array_equal(read, original), name
            little = read.astype(read.dtype.newbyteorder("<")) if read.dtype.byteorder == ">" else read
            manifest[name] = {"paths": paths, "dtype": read.dtype.str, "shape": list(read.shape),
                              "le": base64.b64encode(np.ascontiguousarray(little).tobytes()).decode(), **extra}

        def path(name):
            return os.path.join(root, name)

        # .npy
        def npy(name, arr, version=None):
            p = path(name + ".npy")
            if version is None:
                np.save(p, arr)
            else:
                with open(p, "wb") as f:
                    np.lib.format.write_array(f, arr, version=version)
            record(name, np.load(p), [p], arr)

        npy("npy_f8_3d", rng.standard_normal((4, 5, 6)))
        npy("npy_be_i4", (np.arange(30) * -1234567).astype(">i4").reshape(5, 6))
        npy("npy_be_f8_3d", rng.standard_normal((3, 4, 5)).astype(">f8"))
        npy("npy_u1", np.arange(7, dtype=np.uint8))
        npy("npy_c8", (rng.standard_normal((3, 4)) + 1j * rng.standard_normal((3, 4))).astype(np.complex64))
        npy("npy_bool", rng.integers(0, 2, (6, 2)).astype(bool))
        npy("npy_dt", np.array(["2020-01-01", "2021-06-30T12:00", "1970-01-01T00:00:01"], dtype="datetime64[ns]"))
        npy("npy_v2", rng.integers(-1000, 1000, (8, 3)).astype("<i2"), version=(2, 0))
        npy("npy_v3", rng.standard_normal((2, 3)).astype("<f4"), version=(3, 0))
        npy("npy_scalar", np.array(3.25))

        # raw binary
        def raw(name, arr, offset):
            p = path(name + ".raw")
            with open(p, "wb") as f:
                f.write(bytes(range(256))[:offset])
                arr.tofile(f)
            read = np.fromfile(p, dtype=arr.dtype, offset=offset).reshape(arr.shape)
            record(name, read, [p], arr, parameters={"dtype": arr.dtype.str, "shape": list(arr.shape), "offset": offset})

        raw("raw_f4", rng.standard_normal((6, 7)).astype("<f4"), 128)
        raw("raw_be_u2", rng.integers(0, 65535, (3, 4, 5)).astype(">u2"), 0)

        # Zarr v2
        def zarr_array(name, shape, chunks, dtype, compressor, fill=0, region=None, **extra):
            p = path(name + ".zarr")
            z = zarr.open(p, mode="w", shape=shape, chunks=chunks, dtype=dtype, compressor=compressor, fill_value=fill, **extra)
            values = (rng.standard_normal(shape) * 1000).astype(dtype)
            box = tuple(slice(a, b) for a, b in region) if region else Ellipsis
            z[box] = values[box]
            read = zarr.open(p, mode="r")
            record(name, read[...], [p], chunks=list(read.chunks))

        zarr_array("zarr_zlib_i4", (10, 12), (4, 5), "<i4", numcodecs.Zlib(level=3))
        zarr_array("zarr_none_f8", (7,), (3,), "<f8", None)
        zarr_array("zarr_gzip_be_f4", (9, 8), (4, 4), ">f4", numcodecs.GZip(level=5), fill=-1.5, region=[(0, 3), (0, 8)])
        zarr_array("zarr_nested_u2", (5, 6, 4), (2, 3, 4), "<u2", numcodecs.Zlib(level=1), dimension_separator="/")

        # TIFF with tifffile
        def tif(name, arr, **kwargs):
            p = path(name + ".tif")
            tifffile.imwrite(p, arr, **kwargs)
            record(name, tifffile.imread(p), [p], arr)

        tif("tif_u8", rng.integers(0, 255, (33, 47)).astype(np.uint8))
        tif("tif_i8", rng.integers(-128, 127, (13, 17)).astype(np.int8))
        tif("tif_u16_zlib", rng.integers(0, 65535, (40, 30)).astype(np.uint16), compression="zlib")
        tif("tif_u16_zlib_pred", (np.arange(40 * 30) * 37 % 65521).astype(np.uint16).reshape(40, 30), compression="zlib", predictor=True)
        tif("tif_i32_tile", rng.integers(-2**31, 2**31 - 1, (50, 70)).astype(np.int32), tile=(16, 16))
        tif("tif_f32_tile_zlib", rng.standard_normal((45, 37)).astype(np.float32), tile=(16, 16), compression="zlib")
        tif("tif_f64", rng.standard_normal((20, 25)))
        tif("tif_be_u16_zlib_pred", rng.integers(0, 65535, (31, 29)).astype(">u2"), byteorder=">", compression="zlib", predictor=True)
        tif("tif_be_f32_tile", rng.standard_normal((40, 33)).astype(">f4"), byteorder=">", tile=(16, 16))
        tif("tif_be_i32", rng.integers(-2**31, 2**31 - 1, (9, 11)).astype(">i4"), byteorder=">")
        tif("tif_rgb_zlib", rng.integers(0, 255, (24, 32, 3)).astype(np.uint8), photometric="rgb", compression="zlib")
        tif("tif_multipage_i16", rng.integers(-30000, 30000, (5, 6, 7)).astype(np.int16))
        tif("tif_rows_f32_zlib", rng.standard_normal((40, 30)).astype(np.float32), rowsperstrip=7, compression="zlib")
        tif("tif_bigtiff_u16", rng.integers(0, 65535, (21, 19)).astype(np.uint16), bigtiff=True)

        # TIFF through Pillow and libtiff (tifffile cannot encode LZW or PackBits without imagecodecs)
        def pil(name, arr, mode, compression, **kwargs):
            p = path(name + ".tif")
            Image.fromarray(arr, mode=mode).save(p, compression=compression, **kwargs)
            with tifffile.TiffFile(p) as f:
                info = {"compression": int(f.pages[0].compression), "predictor": int(f.pages[0].predictor)}
            record(name, np.array(Image.open(p)), [p], arr, tiff=info)

        pil("pil_lzw_u8", rng.integers(0, 255, (300, 301)).astype(np.uint8), "L", "tiff_lzw")
        pil("pil_lzw_u8_smooth", ((np.arange(120)[:, None] * 3 + np.arange(90)[None, :]) % 256).astype(np.uint8), "L", "tiff_lzw")
        pil("pil_lzw_u16_pred", rng.integers(0, 60000, (300, 301)).astype(np.uint16), "I;16", "tiff_lzw", tiffinfo={317: 2})
        pil("pil_lzw_rgb", rng.integers(0, 255, (64, 80, 3)).astype(np.uint8), "RGB", "tiff_lzw")
        pil("pil_lzw_f32", rng.standard_normal((50, 60)).astype(np.float32), "F", "tiff_lzw")
        pil("pil_packbits_i32", (np.arange(40 * 50) // 7 * 1000 - 50000).astype(np.int32).reshape(40, 50), "I", "packbits")
        pil("pil_deflate_u8", rng.integers(0, 255, (37, 53)).astype(np.uint8), "L", "tiff_adobe_deflate")

        # A sequence of five TIFF files
        frames = []
        for k in range(5):
            p = os.path.join(root, "seq", "frame%d.tif" % k)
            tifffile.imwrite(p, rng.integers(0, 65535, (12, 10)).astype(np.uint16), compression="zlib" if k % 2 else None)
            frames.append(p)
        record("tif_sequence", np.stack([tifffile.imread(p) for p in frames]), frames)

        # Escapes
        secret = os.path.join(outside, "secret.npy")
        np.save(secret, np.arange(4))
        os.symlink(secret, path("escape.npy"))
        os.symlink(outside, path("outside-dir"))
        manifest["_escape"] = {"secret": secret, "file_link": path("escape.npy"),
                               "dir_link": os.path.join(path("outside-dir"), "secret.npy"),
                               "dotdot": root + "/seq/../../outside/secret.npy"}

        print(json.dumps(manifest))
        """;
}
