#!/usr/bin/env python3
"""Builds the check corpus: wheels, jars and an npm package holding real ELF files compiled here.

Every native is compiled from src/ by a real toolchain: gcc and g++ (x86_64 glibc), musl-gcc (x86_64 musl),
Debian's cross compilers (aarch64-linux-gnu, arm-linux-gnueabihf, arm-linux-gnueabi, mips64el-linux-gnuabi64),
clang with lld for Android (aarch64-linux-android24), FreeBSD 13, Solaris 11, macOS (Mach-O) and Windows (PE).
Foreign C libraries that are not installed here (bionic, FreeBSD's and Solaris' libc, liblog, Alpine's
libc.musl-x86_64.so.1) are link-time stand-ins built from src/stub_*.c with the real sonames and symbol
versions (src/*.map); they are never shipped in a fixture. The Android note is written by src/android.c as the
NDK's crtbegin_so.o would write it.

Wheels are zips with a .dist-info (METADATA, WHEEL, RECORD with sha256 and sizes) as PEP 427 lays them out;
jars are made by the JDK's `jar` (with a class compiled by `javac`); the npm package by `npm pack`.

Usage:
  build.py            rebuild every fixture into wheels/, jars/, npm/ (needs the toolchains above)
  build.py --record   also run the reference auditwheel (../shared/tools/auditwheel, or $AUDITWHEEL) on every
                      wheel and write its verdicts to reference.json
gcc's -mneeded writes the GNU property note GNU_PROPERTY_X86_ISA_1_NEEDED for the -march level.
Debian packages: gcc g++ musl-tools gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf gcc-arm-linux-gnueabi
gcc-mips64el-linux-gnuabi64 clang lld zlib1g-dev libpython3.11-dev npm; the reference: python3-pyelftools
python3-packaging.
"""

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
EPOCH = (1980, 1, 1, 0, 0, 0)

# toolchain -> (compiler command, flags for a shared object)
GCC_FLAGS = ["-O2", "-fPIC", "-shared", "-s", "-fno-asynchronous-unwind-tables"]


def run(cmd, **kw):
    subprocess.run([str(c) for c in cmd], check=True, **kw)


class Build:
    def __init__(self, work: Path):
        self.work = work
        self.stubs = work / "stubs"
        self.stubs.mkdir()

    def out(self, name):
        return self.work / name

    # ---- link-time stand-ins -------------------------------------------------------------------------------

    def stub(self, target, soname, source="stub_libc.c", version_script=None):
        d = self.stubs / target
        d.mkdir(exist_ok=True)
        lib = d / soname
        flags = ["-soname", soname]
        if version_script:
            flags.append("--version-script=" + str(SRC / version_script))
        self.lld([self.compile(target, source, d / (soname + ".o"))], lib, flags)
        return lib

    @staticmethod
    def compile(target, source, obj):
        run(["clang", "--target=" + target, "-O2", "-fPIC", "-c", SRC / source, "-o", obj])
        return obj

    @staticmethod
    def lld(objects, out, flags=()):
        """ld.lld directly: clang's drivers for foreign OSes pass their own linkers' options."""
        run(["ld.lld", "-shared", "--strip-all", *flags, *objects, "-o", out])

    def musl_libc(self):
        """Alpine names musl's libc libc.musl-x86_64.so.1; Debian's musl-gcc links libc.so. Same musl, that name."""
        lib = self.stubs / "musl" / "libc.musl-x86_64.so.1"
        if not lib.exists():
            lib.parent.mkdir(exist_ok=True)
            shutil.copy("/usr/lib/x86_64-linux-musl/libc.so", lib)
        return lib

    # ---- natives -------------------------------------------------------------------------------------------

    def gnu(self, source, name, cc="gcc", extra=()):
        out = self.out(name)
        run([cc, *GCC_FLAGS, SRC / source, "-o", out, *extra])
        return out

    def musl(self, source, name, needs_libc=True):
        out = self.out(name)
        if needs_libc:
            lib = self.musl_libc()
            run(["musl-gcc", *GCC_FLAGS, "-nostdlib", SRC / source, "-L", lib.parent, "-l:" + lib.name, "-o", out])
        else:
            run(["musl-gcc", *GCC_FLAGS, "-Wl,--as-needed", SRC / source, "-o", out])
        return out

    def clang(self, target, source, name, libs=(), extra=()):
        out = self.out(name)
        self.lld([self.compile(target, source, self.out(name + ".o")), *libs], out, extra)
        return out

    def android(self, source, name):
        t = "aarch64-linux-android24"
        libc = self.stub(t, "libc.so", version_script="bionic-libc.map")
        log = self.stub(t, "liblog.so", source="stub_liblog.c")
        return self.clang(t, source, name, [libc, log])

    def freebsd(self, source, name):
        t = "x86_64-unknown-freebsd13"
        return self.clang(t, source, name, [self.stub(t, "libc.so.7", version_script="freebsd-libc.map")])

    def solaris(self, source, name):
        t = "x86_64-pc-solaris2.11"
        return self.clang(t, source, name, [self.stub(t, "libc.so.1", version_script="solaris-libc.map")])

    def macos(self, name):
        out = self.out(name)
        run(["clang", "--target=arm64-apple-macos11", "-fuse-ld=lld", "-nostdlib", "-shared", "-O2",
             SRC / "jni_min.c", "-o", out])
        return out

    def windows(self, name):
        out = self.out(name)
        run(["clang", "--target=x86_64-pc-windows-msvc", "-fuse-ld=lld", "-nostdlib", "-shared", "-O2",
             "-Wl,-noentry", SRC / "jni_min.c", "-o", out])
        lib = out.with_suffix(".lib")
        if lib.exists():
            lib.unlink()
        return out


# ---- containers ----------------------------------------------------------------------------------------------

def record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def write_wheel(dest: Path, filename: str, files: dict):
    """files: path in the wheel -> bytes or a Path to read. Adds the .dist-info with RECORD."""
    parts = filename[:-4].split("-")
    dist, version, tags = parts[0], parts[1], "-".join(parts[-3:])
    info = f"{dist}-{version}.dist-info"
    content = {}
    for path, data in files.items():
        content[path] = data.read_bytes() if isinstance(data, Path) else data
    content[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n".encode()
    py, abi, plats = tags.split("-")
    wheel_tags = "".join(f"Tag: {py}-{abi}-{p}\n" for p in plats.split("."))
    purelib = "true" if plats == "any" else "false"
    content[f"{info}/WHEEL"] = (f"Wheel-Version: 1.0\nGenerator: distrocompat-corpus\nRoot-Is-Purelib: {purelib}\n"
                                + wheel_tags).encode()
    record = "".join(f"{p},{record_hash(d)},{len(d)}\n" for p, d in content.items())
    record += f"{info}/RECORD,,\n"
    content[f"{info}/RECORD"] = record.encode()
    write_zip(dest / filename, content)
    return dest / filename


def write_zip(path: Path, content: dict):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in content.items():
            zi = zipfile.ZipInfo(name, EPOCH)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)


# ---- the corpus ----------------------------------------------------------------------------------------------

def wheels(b: Build, dest: Path):
    """Each wheel: (file name, {path: native or bytes}, the bullet of the issue it covers)."""
    init = b"# fixture\n"
    plain = b.gnu("plain.c", "plain-x86_64.so")
    musl_plain = b.musl("plain.c", "plain-musl.so")
    cases = [
        ("plain-1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
         {"plain/__init__.py": init, "plain/_plain.cpython-312-x86_64-linux-gnu.so": plain},
         "glibc extension using GLIBC_2.2.5 only"),
        ("threads-1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
         {"threads/_threads.cpython-312-x86_64-linux-gnu.so": b.gnu("newglibc.c", "threads.so")},
         "needs GLIBC_2.34 (pthread_create) while claiming manylinux_2_17"),
        ("cxx-1.0-cp312-cp312-manylinux_2_24_x86_64.whl",
         {"cxx/_cxx.cpython-312-x86_64-linux-gnu.so": b.gnu("cxx.cpp", "cxx.so", cc="g++")},
         "C++ extension needing GLIBCXX_3.4.22 and CXXABI_1.3.9"),
        ("zint-1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
         {"zint/_zint.cpython-312-x86_64-linux-gnu.so": b.gnu("zinternal.c", "zint.so", extra=["-lz"])},
         "blacklisted zlib symbols zcalloc/zcfree"),
        ("fpe-1.0-cp27-cp27mu-manylinux1_x86_64.whl",
         {"fpe/_fpe.so": b.gnu("pyfpe.c", "fpe.so")},
         "PyFPE_jbuf"),
        ("pylink-1.0-cp311-cp311-manylinux_2_17_x86_64.whl",
         {"pylink/_pylink.cpython-311-x86_64-linux-gnu.so": b.gnu("pylink.c", "pylink.so", extra=["-lpython3.11"])},
         "linked against libpython3.11.so.1.0"),
        ("isabase-1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
         {"isabase/_plain.cpython-312-x86_64-linux-gnu.so":
          b.gnu("plain.c", "isa-baseline.so", extra=["-march=x86-64", "-mneeded"])},
         "GNU property note: x86-64 baseline (supported)"),
    ]
    for level in ("v2", "v3", "v4"):
        cases.append((f"isa{level}-1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
                      {f"isa{level}/_plain.cpython-312-x86_64-linux-gnu.so":
                       b.gnu("plain.c", f"isa-{level}.so", extra=[f"-march=x86-64-{level}", "-mneeded"])},
                      f"GNU property note: x86-64-{level} ISA needed (unsupported)"))
    cases += [
        ("testsimple-0.0.1-cp312-cp312-linux_x86_64.whl",
         {"testsimple.cpython-312-x86_64-linux-musl.so": b.musl("testsimple.c", "testsimple.so", needs_libc=False)},
         "musl extension with no NEEDED, known by its suffix"),
        ("mplain-1.0-cp312-cp312-musllinux_1_2_x86_64.whl",
         {"mplain/_plain.cpython-312-x86_64-linux-musl.so": musl_plain},
         "musl extension needing libc.musl-x86_64.so.1"),
        ("mwrong-1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
         {"mwrong/_plain.cpython-312-x86_64-linux-musl.so": musl_plain},
         "musl extension under a manylinux tag"),
        ("gwrong-1.0-cp312-cp312-musllinux_1_2_x86_64.whl",
         {"gwrong/_plain.cpython-312-x86_64-linux-gnu.so": plain},
         "glibc extension under a musllinux tag"),
        ("arm64-1.0-cp312-cp312-manylinux_2_17_aarch64.whl",
         {"arm64/_plain.cpython-312-aarch64-linux-gnu.so": b.gnu("plain.c", "plain-aarch64.so",
                                                                 cc="aarch64-linux-gnu-gcc")},
         "aarch64 glibc extension"),
        ("armhf-1.0-cp312-cp312-manylinux_2_17_armv7l.whl",
         {"armhf/_plain.cpython-312-arm-linux-gnueabihf.so": b.gnu("plain.c", "plain-armhf.so",
                                                                   cc="arm-linux-gnueabihf-gcc")},
         "armv7l (hard-float EABI5) glibc extension"),
        ("armv5-1.0-cp312-cp312-linux_armv5l.whl",
         {"armv5/_plain.cpython-312-arm-linux-gnueabi.so": b.gnu("plain.c", "plain-armel.so",
                                                                 cc="arm-linux-gnueabi-gcc")},
         "armv5l (soft-float) extension: no wheel tag"),
        ("mips-1.0-cp312-cp312-linux_mips64.whl",
         {"mips/_plain.cpython-312-mips64el-linux-gnuabi64.so": b.gnu("plain.c", "plain-mips64el.so",
                                                                      cc="mips64el-linux-gnuabi64-gcc")},
         "mips64 extension: no wheel tag"),
        ("droid-1.0-cp313-cp313-android_24_arm64_v8a.whl",
         {"droid/_droid.cpython-313-aarch64-linux-android.so": b.android("android.c", "droid.so")},
         "Android extension (bionic: libc.so, liblog.so)"),
        ("mixed-1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
         {"mixed/_plain.cpython-312-x86_64-linux-gnu.so": plain,
          "mixed/helper-aarch64.so": b.out("plain-aarch64.so")},
         "an x86_64 wheel that also holds an aarch64 file (ignored, as auditwheel does)"),
        ("demo-1.0-cp312-cp312-linux_x86_64.whl",
         {"demo/_demo.cpython-312-x86_64-linux-gnu.so": b.gnu("notwhitelisted.c", "demo.so",
                                                              extra=["-L" + str(b.work), "-ldemo"])},
         "needs a library no policy allows (libdemo.so.3)"),
        ("core-1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
         {"core/_core.cpython-312-x86_64-linux-gnu.so": b.gnu("shipped_ext.c", "core.so", extra=[
             "-L" + str(b.work), "-l:libhelper-6f1e2a3b.so.1", "-Wl,--enable-new-dtags,-rpath,$ORIGIN/../core.libs"]),
          "core.libs/libhelper-6f1e2a3b.so.1": b.out("libhelper-6f1e2a3b.so.1")},
         "a shipped library (core.libs/, found through RUNPATH) needs GLIBC_2.34"),
        ("pure-1.0-py3-none-any.whl",
         {"pure/__init__.py": b"def hello():\n    return 'hi'\n"},
         "pure wheel"),
    ]
    out = []
    for name, files, what in cases:
        write_wheel(dest, name, files)
        out.append({"wheel": name, "covers": what})
    return out


def prebuild(b: Build):
    """Libraries that other natives link against, built before them."""
    run(["gcc", *GCC_FLAGS, "-Wl,-soname,libdemo.so.3", SRC / "libdemo.c", "-o", b.out("libdemo.so")])
    run(["gcc", *GCC_FLAGS, "-Wl,-soname,libhelper-6f1e2a3b.so.1", SRC / "shipped_helper.c",
         "-o", b.out("libhelper-6f1e2a3b.so.1")])


def jars(b: Build, dest: Path):
    classes = b.work / "classes"
    run(["javac", "--release", "8", "-d", classes, SRC / "java/org/example/Native.java"],
        stderr=subprocess.DEVNULL)
    natives = {
        "linux-glibc-x86_64": b.gnu("jni.c", "jni-x86_64.so"),
        "linux-glibc-aarch64": b.gnu("jni.c", "jni-aarch64.so", cc="aarch64-linux-gnu-gcc"),
        "linux-glibc-armv7l": b.gnu("jni.c", "jni-armhf.so", cc="arm-linux-gnueabihf-gcc"),
        "linux-glibc-armv5l": b.gnu("jni.c", "jni-armel.so", cc="arm-linux-gnueabi-gcc"),
        "linux-glibc-mips64": b.gnu("jni.c", "jni-mips64el.so", cc="mips64el-linux-gnuabi64-gcc"),
        "linux-musl-x86_64": b.musl("jni.c", "jni-musl.so"),
        "linux-musl-aarch64": b.clang("aarch64-linux-musl", "jni_min.c", "jni-musl-aarch64.so"),
        "android-aarch64": b.android("jni.c", "jni-android.so"),
        "freebsd-x86_64": b.freebsd("jni_bsd.c", "jni-freebsd.so"),
        # needs nothing: only the OS ABI byte clang writes for FreeBSD tells its platform
        "freebsd-aarch64": b.clang("aarch64-unknown-freebsd13", "jni_min.c", "jni-freebsd-aarch64.so"),
        "solaris-x86_64": b.solaris("jni_solaris.c", "jni-solaris.so"),
        "macos-arm64": b.macos("jni-macos.dylib"),
        "windows-x86_64": b.windows("jni-windows.dll"),
    }
    layouts = {
        # JNA's layout: <os>-<arch>/ at the jar's root
        "natives-1.0.jar": {
            "linux-x86-64/libjnidispatch.so": "linux-glibc-x86_64",
            "linux-aarch64/libjnidispatch.so": "linux-glibc-aarch64",
            "linux-arm/libjnidispatch.so": "linux-glibc-armv7l",
            "linux-armel/libjnidispatch.so": "linux-glibc-armv5l",
            "linux-mips64el/libjnidispatch.so": "linux-glibc-mips64",
            "freebsd-x86-64/libjnidispatch.so": "freebsd-x86_64",
            "freebsd-aarch64/libjnidispatch.so": "freebsd-aarch64",
            "sunos-x86-64/libjnidispatch.so": "solaris-x86_64",
            "darwin-aarch64/libjnidispatch.jnilib": "macos-arm64",
            "win32-x86-64/jnidispatch.dll": "windows-x86_64",
        },
        # a database driver's layout: <OS>[-Musl|-Android]/<arch>/ below the package
        "dbdriver-3.0.jar": {
            "org/example/native/Linux/x86_64/libdb.so": "linux-glibc-x86_64",
            "org/example/native/Linux/aarch64/libdb.so": "linux-glibc-aarch64",
            "org/example/native/Linux-Musl/x86_64/libdb.so": "linux-musl-x86_64",
            "org/example/native/Linux-Musl/aarch64/libdb.so": "linux-musl-aarch64",
            "org/example/native/Linux-Android/aarch64/libdb.so": "android-aarch64",
            "org/example/native/FreeBSD/x86_64/libdb.so": "freebsd-x86_64",
            "org/example/native/Mac/aarch64/libdb.dylib": "macos-arm64",
            "org/example/native/Windows/x86_64/db.dll": "windows-x86_64",
        },
    }
    for jar, layout in layouts.items():
        root = b.work / ("jar-" + jar)
        shutil.copytree(classes, root)
        for path, native in layout.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(natives[native], root / path)
        target = dest / jar
        target.unlink(missing_ok=True)
        run(["jar", "--create", "--file", target, "--date", "1980-01-01T00:00:02Z", "-C", root, "."])
    return natives


def npm_package(b: Build, dest: Path):
    pkg = b.work / "npm-package"
    (pkg / "prebuilds").mkdir(parents=True)
    (pkg / "package.json").write_text(json.dumps({
        "name": "fixture-addon", "version": "1.0.0", "main": "index.js",
        "description": "distrocompat fixture: a Node-API addon with prebuilt binaries", "license": "MIT"}, indent=2))
    (pkg / "index.js").write_text("module.exports = require('node-gyp-build')(__dirname);\n")
    addons = {
        "linux-x64/addon.glibc.node": b.gnu("nodeaddon.c", "addon-x64.node"),
        "linux-x64/addon.musl.node": b.musl("nodeaddon.c", "addon-x64-musl.node"),
        "linux-arm64/addon.glibc.node": b.gnu("nodeaddon.c", "addon-arm64.node", cc="aarch64-linux-gnu-gcc"),
        "linux-arm/addon.glibc.node": b.gnu("nodeaddon.c", "addon-arm.node", cc="arm-linux-gnueabihf-gcc"),
        "android-arm64/addon.node": b.android("nodeaddon.c", "addon-android.node"),
        "darwin-arm64/addon.node": b.macos("addon-darwin.node"),
        "win32-x64/addon.node": b.windows("addon-win32.node"),
    }
    for path, native in addons.items():
        (pkg / "prebuilds" / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(native, pkg / "prebuilds" / path)
    for f in pkg.rglob("*"):
        os.utime(f, (315532800, 315532800))
    env = dict(os.environ, npm_config_cache=str(b.work / "npm-cache"), npm_config_update_notifier="false")
    run(["npm", "pack", "--pack-destination", dest, pkg], env=env, stdout=subprocess.DEVNULL)


# ---- the reference -----------------------------------------------------------------------------------------

def auditwheel_tool():
    tool = os.environ.get("AUDITWHEEL") or str(HERE.parents[3] / ".." / "shared" / "tools" / "auditwheel")
    return tool


def reference(wheels_dir: Path, cases):
    tool = auditwheel_tool()
    out = {"tool": "auditwheel show --json (pypa/auditwheel 6.5.0 at commit 86154d1, run from source)",
           "wheels": []}
    for case in cases:
        args = ["show", "--json"]
        if case["wheel"].endswith("-any.whl"):
            args.append("--allow-pure-python-wheel")
        p = subprocess.run([tool, *args, str(wheels_dir / case["wheel"])], capture_output=True, text=True,
                           env=dict(os.environ, LC_ALL="C.UTF-8"))
        try:
            verdict = json.loads(p.stdout)
        except json.JSONDecodeError:
            verdict = {"error": (p.stderr.strip().splitlines() or ["no output"])[-1]}
        entry = dict(case)
        entry["args"] = args
        entry["exit"] = p.returncode
        entry["auditwheel"] = verdict
        out["wheels"].append(entry)
    return out


def main():
    record = "--record" in sys.argv[1:]
    for d in ("wheels", "jars", "npm"):
        shutil.rmtree(HERE / d, ignore_errors=True)
        (HERE / d).mkdir()
    with tempfile.TemporaryDirectory() as tmp:
        b = Build(Path(tmp))
        prebuild(b)
        cases = wheels(b, HERE / "wheels")
        jars(b, HERE / "jars")
        npm_package(b, HERE / "npm")
    (HERE / "cases.json").write_text(json.dumps(cases, indent=2) + "\n")
    if record:
        ref = reference(HERE / "wheels", cases)
        (HERE / "reference.json").write_text(json.dumps(ref, indent=2) + "\n")
        for w in ref["wheels"]:
            v = w["auditwheel"]
            print(f"{w['wheel']}: {v.get('overall_tag') or ('pure' if v.get('pure') else v.get('error'))}")


if __name__ == "__main__":
    main()
