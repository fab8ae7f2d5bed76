//! pcap input is checked as it is read: a frame the capture cut short is never protected or
//! delivered as a whole one (refused, or skipped and counted with --skip-truncated), and a
//! header or record no pcap writer produces is refused, naming the record.

mod common;

use common::*;

const KEY: &str = "AD7A2BD03EAC835A6F620FDCB506B345";
const SCI: &str = "12153524C0895E81";

/// A little-endian pcap header.
fn header(magic: u32, major: u16, minor: u16, snaplen: u32) -> Vec<u8> {
    let mut h = Vec::new();
    h.extend(magic.to_le_bytes());
    h.extend(major.to_le_bytes());
    h.extend(minor.to_le_bytes());
    h.extend(0u32.to_le_bytes());
    h.extend(0u32.to_le_bytes());
    h.extend(snaplen.to_le_bytes());
    h.extend(1u32.to_le_bytes());
    h
}

const MICRO: u32 = 0xA1B2_C3D4;
const NANO: u32 = 0xA1B2_3C4D;

fn record(frac: u32, data: &[u8], orig: u32) -> Vec<u8> {
    let mut r = Vec::new();
    r.extend(1u32.to_le_bytes());
    r.extend(frac.to_le_bytes());
    r.extend((data.len() as u32).to_le_bytes());
    r.extend(orig.to_le_bytes());
    r.extend(data);
    r
}

fn frame(len: usize) -> Vec<u8> {
    let mut f = vec![0x01, 0, 0x5E, 0, 0, 1, 2, 0, 0, 0, 0, 1, 0x08, 0x00];
    f.resize(len, 0xAB);
    f
}

fn run(
    cmd: &str,
    bytes: &[u8],
    extra: &[&str],
) -> (std::process::Output, std::path::PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.pcap");
    std::fs::write(&input, bytes).unwrap();
    let out = dir.path().join("out.pcap");
    let mut a = vec![cmd, "--key", KEY, "--sci", SCI];
    a.extend(extra);
    a.extend([s(&input), s(&out)]);
    (macsec(&a), out, dir)
}

#[test]
fn a_truncated_record_is_refused_naming_it() {
    let mut pcap = header(MICRO, 2, 4, 65535);
    pcap.extend(record(0, &frame(100), 100));
    pcap.extend(record(1, &frame(60), 1514));
    for cmd in ["protect", "validate"] {
        let (o, out, _d) = run(cmd, &pcap, &[]);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", stderr(&o));
        let e = stderr(&o);
        assert!(
            e.contains("record 2 holds 60 of the frame's 1514 octets"),
            "{cmd}: {e}"
        );
        assert!(!out.exists());
    }
}

#[test]
fn skip_truncated_skips_and_counts() {
    let mut pcap = header(MICRO, 2, 4, 65535);
    pcap.extend(record(0, &frame(100), 100));
    pcap.extend(record(1, &frame(60), 1514));
    pcap.extend(record(2, &frame(80), 80));
    let (o, out, _d) = run("protect", &pcap, &["--skip-truncated"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("protect: 2 frames"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 truncated records skipped"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read_pcap(&out).len(), 2);
}

#[test]
fn impossible_headers_and_records_are_refused() {
    let ok = record(0, &frame(100), 100);
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            [header(MICRO, 2, 3, 65535), ok.clone()].concat(),
            "pcap version 2.3 is not 2.4",
        ),
        (
            [header(MICRO, 2, 4, 0), ok.clone()].concat(),
            "snap length 0",
        ),
        (
            [header(MICRO, 2, 4, 64), ok.clone()].concat(),
            "record 1 has 100 octets, more than the snap length 64",
        ),
        (
            [
                header(MICRO, 2, 4, 65535),
                record(1_000_000, &frame(100), 100),
            ]
            .concat(),
            "record 1 has a timestamp fraction of 1000000 microseconds",
        ),
        (
            [
                header(NANO, 2, 4, 65535),
                record(1_000_000_000, &frame(100), 100),
            ]
            .concat(),
            "record 1 has a timestamp fraction of 1000000000 nanoseconds",
        ),
        (
            [header(MICRO, 2, 4, 65535), record(0, &frame(100), 90)].concat(),
            "record 1 has 100 octets captured of a 90-octet frame",
        ),
    ];
    for (bytes, want) in cases {
        let (o, out, _d) = run("protect", &bytes, &[]);
        assert_eq!(o.status.code(), Some(2), "{want}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{want}: {}", stderr(&o));
        assert!(!out.exists());
    }
    // Nanosecond captures below the limit are fine.
    let (o, out, _d) = run(
        "protect",
        &[
            header(NANO, 2, 4, 65535),
            record(999_999_999, &frame(100), 100),
        ]
        .concat(),
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(read_pcap(&out).len(), 1);
}

/// `card send` counts an empty frame as the SecY would (OutPktsTooShort) and goes on, as
/// `protect` does, instead of stopping the run.
#[test]
fn card_send_counts_an_empty_frame_and_goes_on() {
    let mut pcap = header(MICRO, 2, 4, 65535);
    pcap.extend(record(0, &frame(100), 100));
    pcap.extend(record(1, &[], 0));
    pcap.extend(record(2, &frame(80), 80));
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.pcap");
    std::fs::write(&input, &pcap).unwrap();
    let wire = dir.path().join("wire.pcap");
    let cfg = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/secy.toml");
    let o = macsec(&[
        "card",
        "--device",
        "sim",
        "--config",
        s(&cfg),
        "--wire",
        s(&wire),
        "send",
        s(&input),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("2 frames posted"), "{e}");
    assert!(
        e.contains("1 empty frames not posted (OutPktsTooShort)"),
        "{e}"
    );
    assert_eq!(read_pcap(&wire).len(), 2);
    let (o, _, _d) = run("protect", &pcap, &[]);
    assert!(stderr(&o).contains("OutPktsTooShort 1"), "{}", stderr(&o));
}
