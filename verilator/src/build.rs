//! Building the Verilated engine at run time: `macsec verilog`'s text and the generated wrapper
//! go through Verilator (`-O3`, as fast as it gets here) and g++ into a shared library, kept in a
//! cache keyed by a SHA-256 of everything that goes in (the Verilog, the wrapper, Verilator's
//! version, the flags), so a changed design is rebuilt and an unchanged one loads at once.
//! A build goes into a fresh directory that is renamed into place only when it is complete, so
//! an interrupted build never leaves a library that looks usable.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::wrapper::{self, Top};
use crate::VerilatorError;

/// The flags Verilator gets (part of the cache key). `OPT_FAST=-O3` because verilated.mk
/// otherwise appends `-Os` after user flags (3.5× slower here).
const VERILATOR_FLAGS: &[&str] = &[
    "--cc",
    "--build",
    "-O3",
    "-Wno-fatal",
    "-Wno-lint",
    "-Wno-style",
    "-MAKEFLAGS",
    "OPT_FAST=-O3",
    "-CFLAGS",
    "-fPIC",
];

/// The random power-up build's extra flag: variables without an `initial` value start random
/// (at run time, when the model's context asks for it).
const RANDOM_FLAGS: &str = "--x-initial unique";

/// The library's file name inside its cache entry.
pub const LIB: &str = "libmacsec_engine.so";

/// Where builds are kept: `MACSEC_VERILATOR_CACHE`, else `$XDG_CACHE_HOME/macsec-verilator`,
/// else `~/.cache/macsec-verilator`, else the system's temporary directory.
pub fn cache_root() -> PathBuf {
    if let Some(p) = std::env::var_os("MACSEC_VERILATOR_CACHE") {
        return PathBuf::from(p);
    }
    if let Some(p) = std::env::var_os("XDG_CACHE_HOME") {
        return PathBuf::from(p).join("macsec-verilator");
    }
    if let Some(p) = std::env::var_os("HOME") {
        return PathBuf::from(p).join(".cache/macsec-verilator");
    }
    std::env::temp_dir().join("macsec-verilator")
}

fn tool(name: &'static str, args: &[&str]) -> Result<String, VerilatorError> {
    let out = Command::new(name)
        .args(args)
        .output()
        .map_err(|_| VerilatorError::ToolMissing { tool: name })?;
    if !out.status.success() {
        return Err(VerilatorError::ToolMissing { tool: name });
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The library for `top` from `verilog` (its files, names and texts; tracing compiled in when
/// `traced`), built if the cache does
/// not hold it yet. `log` hears of a build before it starts (they take tens of seconds).
/// `random` builds the random power-up variant (`--x-initial unique`; the caller has taken the
/// `initial` statements out of `verilog`).
pub fn library(
    top: &Top,
    verilog: &[(&str, String)],
    traced: bool,
    random: bool,
    log: &mut dyn FnMut(&str),
) -> Result<PathBuf, VerilatorError> {
    let version = tool("verilator", &["--version"])?;
    let root = tool("verilator", &["--getenv", "VERILATOR_ROOT"])?;
    let cxx = tool("g++", &["--version"])?;
    let src = wrapper::source(top, traced, random);
    let mut h = ring::digest::Context::new(&ring::digest::SHA256);
    for (name, text) in verilog {
        h.update(&(name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update(&(text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
    }
    for part in [
        top.module,
        &src,
        &version,
        cxx.lines().next().unwrap_or(""),
        &VERILATOR_FLAGS.join(" "),
        if traced { "trace" } else { "" },
        if random { RANDOM_FLAGS } else { "" },
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    let key = hex::encode(&h.finish().as_ref()[..12]);
    // One build at a time in a process (tests load the engine from several threads at once);
    // across processes the rename below decides, and the loser's copy is dropped.
    static BUILD: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = BUILD.lock().unwrap_or_else(|e| e.into_inner());
    let cache = cache_root();
    let entry = cache.join(&key);
    let lib = entry.join(LIB);
    if lib.is_file() {
        return Ok(lib);
    }
    log(&format!(
        "building the Verilated {} ({}, {}{}) into {}",
        top.module,
        version,
        if traced { "with tracing" } else { "no tracing" },
        if random { ", random power-up" } else { "" },
        entry.display()
    ));
    let work = cache.join(format!("{key}.partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| VerilatorError::Io {
        what: format!("creating {}", work.display()),
        source: e,
    })?;
    let r = build_in(&work, top, verilog, &src, traced, random, Path::new(&root));
    if let Err(e) = r {
        let _ = std::fs::remove_dir_all(&work);
        return Err(e);
    }
    // Another process may have finished the same build first; either copy is good.
    if std::fs::rename(&work, &entry).is_err() {
        let _ = std::fs::remove_dir_all(&work);
    }
    if lib.is_file() {
        Ok(lib)
    } else {
        Err(VerilatorError::Io {
            what: format!("{} missing after its build", lib.display()),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        })
    }
}

fn write(path: &Path, text: &str) -> Result<(), VerilatorError> {
    std::fs::write(path, text).map_err(|e| VerilatorError::Io {
        what: format!("writing {}", path.display()),
        source: e,
    })
}

fn run(step: &'static str, dir: &Path, cmd: &mut Command) -> Result<(), VerilatorError> {
    let out = cmd
        .current_dir(dir)
        .output()
        .map_err(|e| VerilatorError::Io {
            what: format!("starting {step}"),
            source: e,
        })?;
    if out.status.success() {
        return Ok(());
    }
    let log = dir.join(format!("{step}.log"));
    let mut text = out.stdout.clone();
    text.extend_from_slice(&out.stderr);
    let _ = std::fs::write(&log, &text);
    let all = String::from_utf8_lossy(&text);
    let tail: Vec<&str> = all.lines().rev().take(12).collect();
    Err(VerilatorError::Build {
        step,
        tail: tail.into_iter().rev().collect::<Vec<_>>().join("\n"),
    })
}

fn build_in(
    dir: &Path,
    top: &Top,
    verilog: &[(&str, String)],
    src: &str,
    traced: bool,
    random: bool,
    root: &Path,
) -> Result<(), VerilatorError> {
    for (name, text) in verilog {
        write(&dir.join(name), text)?;
    }
    write(&dir.join("wrapper.cpp"), src)?;
    let mut v = Command::new("verilator");
    v.args(VERILATOR_FLAGS)
        .args(["--prefix", top.prefix, "--top-module", top.module])
        .args(["--Mdir", "obj", "-j", "2"]);
    if traced {
        v.arg("--trace");
    }
    if random {
        v.args(RANDOM_FLAGS.split(' '));
    }
    v.args(verilog.iter().map(|(name, _)| name));
    run("verilator", dir, &mut v)?;
    // The Verilator runtime is compiled here with the model's defines (verilated.mk builds
    // it only for an executable); everything goes into one shared library.
    let inc = root.join("include");
    let t = if traced { "1" } else { "0" };
    let mut g = Command::new("g++");
    g.args(["-shared", "-fPIC", "-O2", "-std=c++17", "-faligned-new"])
        .args(["-DVM_COVERAGE=0", "-DVM_SC=0", "-DVM_TRACE_FST=0"])
        .arg(format!("-DVM_TRACE={t}"))
        .arg(format!("-DVM_TRACE_VCD={t}"))
        .args(["-o", LIB, "wrapper.cpp"])
        .arg(inc.join("verilated.cpp"))
        .arg(inc.join("verilated_threads.cpp"));
    if traced {
        g.arg(inc.join("verilated_vcd_c.cpp"));
    }
    g.arg("-Iobj")
        .arg(format!("-I{}", inc.display()))
        .arg(format!("-I{}", inc.join("vltstd").display()))
        .arg(format!("obj/{}__ALL.a", top.prefix))
        .args(["-pthread", "-latomic"]);
    run("g++", dir, &mut g)?;
    // The generated C++ and objects are not needed once linked (about 100 MB).
    let _ = std::fs::remove_dir_all(dir.join("obj"));
    Ok(())
}
