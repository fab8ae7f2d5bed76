//! Output files: what is there already is never replaced unless it is a regular file, nothing is
//! written through a symlink, an output never names an input or another output, a command's
//! outputs appear together or not at all, and a path that cannot be written is reported before
//! the work starts. `-` is standard input or output; a FIFO is written directly.

mod common;

use std::io::Write;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const KEY: &str = "AD7A2BD03EAC835A6F620FDCB506B345";
const SCI: &str = "12153524C0895E81";

fn protect(extra: &[&str], input: &str, output: &str) -> std::process::Output {
    let mut a = vec!["protect", "--key", KEY, "--sci", SCI];
    a.extend(extra);
    a.extend([input, output]);
    macsec(&a)
}

/// Names in `dir` other than `keep`.
fn others(dir: &Path, keep: &[&str]) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect()
}

#[test]
fn a_device_is_never_replaced() {
    let o = protect(&[], s(&sample_pcap()), "/dev/null");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("/dev/null: is a character device"));
    let m = std::fs::symlink_metadata("/dev/null").unwrap();
    assert!(m.file_type().is_char_device(), "/dev/null was replaced");
}

#[test]
fn symlinks_sockets_and_directories_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let victim = d.join("victim");
    std::fs::write(&victim, "keep me").unwrap();
    let link = d.join("link.pcap");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let o = protect(&[], s(&sample_pcap()), s(&link));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is a symbolic link"), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");

    let sock_path = d.join("sock");
    let _sock = std::os::unix::net::UnixListener::bind(&sock_path).unwrap();
    let o = protect(&[], s(&sample_pcap()), s(&sock_path));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a socket"), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&sock_path)
        .unwrap()
        .file_type()
        .is_socket());

    let sub = d.join("sub");
    std::fs::create_dir(&sub).unwrap();
    let o = protect(&[], s(&sample_pcap()), s(&sub));
    assert_eq!(o.status.code(), Some(2));
    assert!(sub.is_dir());
    let trailing = format!("{}/", d.join("new").display());
    let o = protect(&[], s(&sample_pcap()), &trailing);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("names a directory"), "{}", stderr(&o));
    assert_eq!(
        others(d, &["victim", "link.pcap", "sock", "sub"]),
        Vec::<String>::new()
    );
}

/// The temporary file is made exclusively under an unpredictable name: a symlink planted at
/// the name the process id would give is left alone and nothing is written through it.
#[test]
fn temporary_files_are_unpredictable_and_never_follow_symlinks() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let victim = d.join("victim");
    std::fs::write(&victim, "keep me").unwrap();
    let out = d.join("out.pcap");
    let mut child = Command::new(env!("CARGO_BIN_EXE_macsec"))
        .args(["protect", "--key", KEY, "--sci", SCI, "-", s(&out)])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let planted = d.join(format!(".out.pcap.{}.tmp", child.id()));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    // The temporary file exists while macsec waits for its input.
    let deadline = Instant::now() + Duration::from_secs(20);
    let temp = loop {
        let t: Vec<_> = others(d, &["victim"])
            .into_iter()
            .filter(|n| n.starts_with(".out.pcap.") && d.join(n) != planted)
            .collect();
        if let Some(t) = t.into_iter().next() {
            break t;
        }
        assert!(Instant::now() < deadline, "no temporary file appeared");
        std::thread::sleep(Duration::from_millis(20));
    };
    let m = std::fs::symlink_metadata(d.join(&temp)).unwrap();
    assert!(m.file_type().is_file(), "{temp} is not a regular file");
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(&std::fs::read(sample_pcap()).unwrap())
        .unwrap();
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(std::fs::symlink_metadata(&planted)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(read_pcap(&out).len(), read_pcap(&sample_pcap()).len());
    assert_eq!(
        others(d, &["victim", "out.pcap"]),
        vec![planted.file_name().unwrap().to_string_lossy().into_owned()]
    );
}

#[test]
fn an_output_never_names_an_input_or_another_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let input = d.join("in.pcap");
    std::fs::copy(sample_pcap(), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = d.join("out.pcap");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["--stats".into(), s(&out).into()],
            "is also another output",
        ),
        (vec!["--stats".into(), s(&input).into()], "is also an input"),
        (
            vec!["--stats".into(), format!("{}/./in.pcap", d.display())],
            "is also an input",
        ),
    ];
    for (extra, want) in cases {
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        let o = protect(&extra, s(&input), s(&out));
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{extra:?}: {}", stderr(&o));
        assert_eq!(std::fs::read(&input).unwrap(), before);
        assert!(!out.exists());
    }
    // A hard link to the input is the input.
    let alias = d.join("alias.pcap");
    std::fs::hard_link(&input, &alias).unwrap();
    let o = protect(&[], s(&input), s(&alias));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read(&alias).unwrap(), before);
    // Standard output twice.
    let o = protect(&["--stats", "-"], s(&input), "-");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("standard output twice"),
        "{}",
        stderr(&o)
    );
    // Where standard output carries the report, no output may go there too.
    for args in [
        &["lab", "--pcap", "-", "--frames", "40"][..],
        &["sim", "--vcd", "-", "--frames", "8"],
    ] {
        let o = macsec(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("standard output carries"),
            "{}",
            stderr(&o)
        );
    }
}

/// When --stats cannot be written, OUT is not written either, and the problem is found first.
#[test]
fn outputs_are_committed_together_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = d.join("out.pcap");
    for stats in [d.join("missing/stats.json"), d.to_path_buf()] {
        let o = protect(&["--stats", s(&stats)], s(&sample_pcap()), s(&out));
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(!out.exists(), "OUT committed though --stats failed");
        assert!(
            !stderr(&o).contains("frames"),
            "work ran first: {}",
            stderr(&o)
        );
    }
    // A capture that fails half way leaves both old outputs as they were.
    let stats = d.join("stats.json");
    std::fs::write(&out, "old out").unwrap();
    std::fs::write(&stats, "old stats").unwrap();
    let sample = std::fs::read(sample_pcap()).unwrap();
    let cut = d.join("cut.pcap");
    std::fs::write(&cut, &sample[..sample.len() - 100]).unwrap();
    let o = protect(&["--stats", s(&stats)], s(&cut), s(&out));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old out");
    assert_eq!(std::fs::read_to_string(&stats).unwrap(), "old stats");
    assert_eq!(
        others(d, &["out.pcap", "stats.json", "cut.pcap"]),
        Vec::<String>::new()
    );
    // And a run that succeeds replaces both, keeping their permissions.
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    let o = protect(&["--stats", s(&stats)], s(&sample_pcap()), s(&out));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(read_pcap(&out).len(), 11);
    assert!(std::fs::read_to_string(&stats)
        .unwrap()
        .contains("OutPktsEncrypted"));
    assert_eq!(std::fs::metadata(&out).unwrap().mode() & 0o777, 0o640);
}

#[test]
fn dash_is_standard_input_and_output() {
    let sample = std::fs::read(sample_pcap()).unwrap();
    let run = |cmd: &str, input: &[u8]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_macsec"))
            .args([cmd, "--key", KEY, "--sci", SCI, "-", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = c.stdin.take().unwrap();
        let data = input.to_vec();
        let writer = std::thread::spawn(move || stdin.write_all(&data));
        let o = c.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        assert!(o.status.success(), "{cmd}: {}", stderr(&o));
        o.stdout
    };
    let protected = run("protect", &sample);
    assert_ne!(protected, sample);
    let dir = tempfile::tempdir().unwrap();
    let back = dir.path().join("back.pcap");
    std::fs::write(&back, run("validate", &protected)).unwrap();
    assert_eq!(read_pcap(&back), read_pcap(&sample_pcap()));
}

#[test]
fn a_fifo_is_written_directly() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("wire");
    let ok = Command::new("mkfifo").arg(&fifo).status();
    if !ok.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let path = fifo.clone();
    let reader = std::thread::spawn(move || std::fs::read(path).unwrap());
    let o = protect(&[], s(&sample_pcap()), s(&fifo));
    assert!(o.status.success(), "{}", stderr(&o));
    let got = reader.join().unwrap();
    let copy = dir.path().join("copy.pcap");
    std::fs::write(&copy, got).unwrap();
    assert_eq!(read_pcap(&copy).len(), 11);
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
}

/// A failure directory that cannot be written is reported at once, not after a failing run.
#[test]
fn unwritable_output_paths_are_reported_before_the_work() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    let under_file = file.join("sub");
    let o = macsec(&["sim", "--frames", "8", "--fail-dir", s(&under_file)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is not a directory") || stderr(&o).contains("is a"));
    assert!(o.stdout.is_empty(), "the run started");
    let o = macsec(&[
        "sim",
        "--frames",
        "8",
        "--vcd",
        s(&dir.path().join("none/x.vcd")),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "the run started");
    let o = macsec(&[
        "lab",
        "--frames",
        "40",
        "--pcap",
        s(&dir.path().join("none/x.pcap")),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "the run started");
}
