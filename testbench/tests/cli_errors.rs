//! Bad input to `macsec protect`/`validate`: one clear line naming the problem, exit status 2, and
//! no output file (nor a temporary one) left behind.

mod common;

use std::path::Path;

use common::*;

const KEY: &str = "AD7A2BD03EAC835A6F620FDCB506B345";
const SCI: &str = "12153524C0895E81";

/// Run `macsec` with `args` (IN and OUT appended) and check the failure.
fn refused(dir: &Path, input: &Path, args: &[&str], want: &str) {
    let out = dir.join("out.pcap");
    let stats = dir.join("stats.json");
    let mut a: Vec<&str> = args.to_vec();
    a.extend(["--stats", s(&stats), s(input), s(&out)]);
    let o = macsec(&a);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: not one line: {err}");
    assert!(err.contains(want), "{args:?}: {err:?} lacks {want:?}");
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("out") || n.starts_with('.') || n.starts_with("stats"))
        .collect();
    assert!(left.is_empty(), "{args:?} left {left:?}");
}

#[test]
fn bad_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let input = sample_pcap();
    let k32 = "E3C08A8F06C6E3AD95A70557B23F75483CE33021A9C72B7025666204C69C0B72";
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["protect", "--key", k32, "--sci", SCI],
            "gcm-aes-128 needs a 16-octet key",
        ),
        (
            vec!["protect", "--key", "AD7A", "--sci", SCI],
            "a SAK is 16 or 32 octets",
        ),
        (
            vec!["protect", "--key", "XYZ", "--sci", SCI],
            "key is not hexadecimal",
        ),
        (
            vec!["protect", "--key", KEY, "--sci", "12153524C0895E8"],
            "expected 16 hex digits",
        ),
        (
            vec!["protect", "--key", KEY, "--sci", "1215ZZ24C0895E81"],
            "is not hexadecimal",
        ),
        (
            vec!["protect", "--key", KEY, "--sci", SCI, "--an", "4"],
            "4 is not in 0..=3",
        ),
        (
            vec!["protect", "--key", KEY, "--sci", SCI, "--offset", "20"],
            "must be 0, 30 or 50",
        ),
        (
            vec!["protect", "--key", KEY, "--sci", SCI, "--pn", "0"],
            "PN 0x0 is out of range",
        ),
        (
            vec!["protect", "--key", KEY, "--sci", SCI, "--pn", "4294967296"],
            "out of range",
        ),
        (
            vec!["protect", "--key", KEY, "--sci", SCI, "--pn", "12abc"],
            "not a number",
        ),
        (
            vec![
                "protect",
                "--cipher",
                "gcm-aes-xpn-128",
                "--key",
                KEY,
                "--sci",
                SCI,
            ],
            "needs --ssci and --salt",
        ),
        (
            vec![
                "validate",
                "--cipher",
                "gcm-aes-xpn-128",
                "--key",
                KEY,
                "--sci",
                SCI,
                "--ssci",
                "00000001",
            ],
            "needs --ssci and --salt",
        ),
        (
            vec![
                "protect",
                "--cipher",
                "gcm-aes-xpn-128",
                "--key",
                KEY,
                "--sci",
                SCI,
                "--ssci",
                "1",
                "--salt",
                "00",
            ],
            "expected 8 hex digits",
        ),
        (
            vec![
                "protect",
                "--key",
                KEY,
                "--sci",
                SCI,
                "--send-sci",
                "on",
                "--end-station",
                "on",
            ],
            "send_sci and end_station",
        ),
        (
            vec![
                "protect",
                "--cipher",
                "gcm-aes-192",
                "--key",
                KEY,
                "--sci",
                SCI,
            ],
            "unknown cipher suite",
        ),
        (
            vec!["validate", "--key", KEY, "--sci", SCI, "--validate", "lax"],
            "unknown validate mode",
        ),
        (vec!["protect", "--sci", SCI], "--key is required"),
        (vec!["validate", "--key", KEY], "--sci is required"),
        (
            vec!["protect", "--key", KEY, "--sci", SCI, "--encrypt", "yes"],
            "invalid value 'yes'",
        ),
        (
            vec!["protect", "--key", KEY, "--config", "x.toml"],
            "--config replaces the SecY flags",
        ),
    ];
    for (args, want) in cases {
        refused(d, &input, &args, want);
    }
}

#[test]
fn keys_are_not_echoed_in_errors() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "AD7A2BD03EAC835A6F620FDCB506B3ZZ";
    let o = macsec(&["protect", "--key", bad, "--sci", SCI, "a.pcap", "b.pcap"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).contains("AD7A2BD0"), "{}", stderr(&o));
    drop(dir);
}

#[test]
fn bad_input_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let args = ["protect", "--key", KEY, "--sci", SCI];
    let sample = std::fs::read(sample_pcap()).unwrap();

    refused(d, &d.join("missing.pcap"), &args, "missing.pcap");

    let truncated = d.join("in-truncated.pcap");
    std::fs::write(&truncated, &sample[..sample.len() - 100]).unwrap();
    refused(d, &truncated, &args, "record 11 is truncated");

    let header_only = d.join("in-short.pcap");
    std::fs::write(&header_only, &sample[..10]).unwrap();
    refused(d, &header_only, &args, "in-short.pcap");

    let text = d.join("in-text.pcap");
    std::fs::write(&text, "this is not a capture, just some text\n").unwrap();
    refused(d, &text, &args, "not a valid pcap");

    let ng = d.join("in-ng.pcap");
    std::fs::write(&ng, [0x0A, 0x0D, 0x0D, 0x0A, 0, 0, 0, 0]).unwrap();
    refused(d, &ng, &args, "is pcapng");

    let mut raw_ip = sample.clone();
    raw_ip[20] = 101; // LINKTYPE_RAW
    let raw = d.join("in-raw.pcap");
    std::fs::write(&raw, raw_ip).unwrap();
    refused(d, &raw, &args, "is not Ethernet");

    let cfg = d.join("in-bad.toml");
    std::fs::write(&cfg, "cipher = \"gcm-aes-128\"\noffset = 20\n").unwrap();
    refused(
        d,
        &sample_pcap(),
        &["protect", "--config", s(&cfg)],
        "offset 20 is not 0, 30 or 50",
    );
    std::fs::write(&cfg, "cipher = [\n").unwrap();
    refused(
        d,
        &sample_pcap(),
        &["protect", "--config", s(&cfg)],
        "in-bad.toml",
    );
    refused(
        d,
        &sample_pcap(),
        &["validate", "--config", s(&d.join("none.toml"))],
        "none.toml",
    );
}

/// Options that would have no effect on the command are refused, not ignored.
#[test]
fn options_without_effect_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample_pcap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["protect", "--key", KEY, "--sci", SCI, "--validate", "check"],
            "--validate applies to validate only",
        ),
        (
            vec!["protect", "--key", KEY, "--sci", SCI, "--replay", "on"],
            "--replay applies to validate only",
        ),
        (
            vec!["protect", "--key", KEY, "--sci", SCI, "--window", "4"],
            "--window applies to validate only",
        ),
        (
            vec!["validate", "--key", KEY, "--sci", SCI, "--window", "4"],
            "--window needs --replay on",
        ),
        (
            vec![
                "validate", "--key", KEY, "--sci", SCI, "--replay", "off", "--window", "4",
            ],
            "--window needs --replay on",
        ),
        (
            vec!["validate", "--key", KEY, "--sci", SCI, "--encrypt", "off"],
            "--encrypt applies to protect only",
        ),
        (
            vec!["validate", "--key", KEY, "--sci", SCI, "--send-sci", "on"],
            "--send-sci applies to protect only",
        ),
        (
            vec![
                "validate",
                "--key",
                KEY,
                "--sci",
                SCI,
                "--end-station",
                "on",
            ],
            "--end-station applies to protect only",
        ),
        (
            vec!["validate", "--key", KEY, "--sci", SCI, "--scb", "on"],
            "--scb applies to protect only",
        ),
    ];
    for (args, want) in cases {
        refused(dir.path(), &input, &args, want);
    }
}

/// A configuration with a duplicate AN or SC, or thousands of SAs, is refused, naming the entry.
#[test]
fn duplicate_sas_and_scs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A key of its own for each SA (one key in two SAs is refused on its own grounds).
    let sa = |an: u32, k: u32| format!("[[tx_sa]]\nan = {an}\nkey = \"{k:032X}\"\n");
    let rx = |sci: &str, ans: &[u32]| {
        let mut s = format!("[[rx_sc]]\nsci = \"{sci}\"\n");
        for an in ans {
            s += &format!("[[rx_sc.sa]]\nan = {an}\nkey = \"{KEY}\"\n");
        }
        s
    };
    let many: String = (0..10_000).map(|i| sa(i % 4, i + 1)).collect();
    let cases: Vec<(String, &str)> = vec![
        (sa(1, 1) + &sa(1, 2), "tx_sa[1]: AN 1 is given twice"),
        (sa(0, 1) + &sa(1, 1), "tx_sa[1]: the same SAK as tx_sa[0]"),
        (
            rx("0000000000000001", &[0, 2, 2]),
            "rx_sc[0].sa[2]: AN 2 is given twice",
        ),
        (
            rx("0000000000000001", &[0]) + &rx("0000000000000001", &[1]),
            "rx_sc[1]: a receive SC with SCI 0000000000000001 already exists",
        ),
        (many, "tx_sa[4]: AN 0 is given twice"),
    ];
    for (body, want) in cases {
        let cfg = d.join("c.toml");
        std::fs::write(&cfg, format!("sci = \"{SCI}\"\n{body}")).unwrap();
        let o = macsec(&[
            "protect",
            "--config",
            s(&cfg),
            s(&sample_pcap()),
            s(&d.join("o.pcap")),
        ]);
        assert_eq!(o.status.code(), Some(2), "{want}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{want}: {}", stderr(&o));
    }
}
