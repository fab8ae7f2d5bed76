//! No message ever holds a key or a salt, whatever was typed where: a key as a TOML number, a
//! key pasted into another field or as a stray argument, a salt with a typo. Other values come
//! back as a short preview, and the message still names the file, line, field and problem.

mod common;

use common::*;

const KEY: &str = "AD7A2BD03EAC835A6F620FDCB506B345";
const SALT: &str = "E630E81A48DE86A21C66FA6D";
const SCI: &str = "12153524C0895E81";

/// Pieces of the secrets a message must not hold: hex runs of 8 digits, and the decimal value
/// of the key's first 60 bits (how serde shows `key = 0xAD7A2BD03EAC835`).
fn leaks(msg: &str) -> Option<String> {
    let up = msg.to_uppercase();
    for secret in [KEY, SALT] {
        for i in 0..=secret.len() - 8 {
            let piece = &secret[i..i + 8];
            if up.contains(piece) {
                return Some(piece.to_string());
            }
        }
    }
    ["781271993070307381", "12500351889124917813"]
        .into_iter()
        .find(|d| msg.contains(d))
        .map(String::from)
}

fn refused(args: &[&str], want: &[&str]) {
    let o = macsec(args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "not one line: {err}");
    assert!(err.len() < 400, "{} octets: {}", err.len(), &err[..200]);
    if let Some(p) = leaks(&err) {
        panic!("{args:?}: message holds {p}: {err}");
    }
    for w in want {
        assert!(err.contains(w), "{args:?}: {err:?} lacks {w:?}");
    }
}

#[test]
fn flags_never_echo_keys_or_salts() {
    let sample = sample_pcap();
    let (i, o) = (s(&sample), "/tmp/never-written.pcap");
    let xpn = ["--cipher", "gcm-aes-xpn-128", "--ssci", "01020304"];
    let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (
            vec!["--key", KEY, "--sci", KEY],
            vec!["--sci", "expected 16 hex digits"],
        ),
        (
            vec!["--key", KEY, "--sci", SCI, "--cipher", KEY],
            vec!["--cipher", "unknown cipher suite"],
        ),
        (
            vec!["--key", KEY, "--sci", SCI, "--pn", KEY],
            vec!["--pn", "not a number"],
        ),
        (vec!["--key", KEY, "--sci", SCI, "--an", KEY], vec!["--an"]),
        (
            vec!["--key", "AD7A2BD03EAC835A6F620FDCB506B3ZZ", "--sci", SCI],
            vec!["--key", "not hexadecimal"],
        ),
        (
            vec![
                "--key",
                "AD7A2BD03EAC835A6F620FDCB506B34\u{1b}[2J",
                "--sci",
                SCI,
            ],
            vec!["--key"],
        ),
        (
            [
                &xpn[..],
                &[
                    "--key",
                    KEY,
                    "--sci",
                    SCI,
                    "--salt",
                    "E630E81A48DE86A21C66FA6Z",
                ],
            ]
            .concat(),
            vec!["--salt", "not hexadecimal"],
        ),
        (
            [
                &xpn[..],
                &["--key", KEY, "--sci", SCI, "--salt", &SALT[..22]],
            ]
            .concat(),
            vec!["--salt", "expected 24 hex digits, got 22"],
        ),
        (
            vec!["--key", KEY, "--sci", SCI, KEY],
            vec!["unexpected argument"],
        ),
    ];
    for (flags, want) in cases {
        let mut a = vec!["protect"];
        a.extend(&flags);
        a.extend([i, o]);
        refused(&a, &want);
    }
    // A long bad value comes back as a short preview.
    let long = "z".repeat(100_000);
    refused(
        &["protect", "--key", KEY, "--sci", &long, i, o],
        &["--sci", "100000 characters"],
    );
}

#[test]
fn configuration_files_never_echo_keys_or_salts() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("c.toml");
    let head = "cipher = \"gcm-aes-xpn-128\"\nsci = \"12153524C0895E81\"\n[[tx_sa]]\nan = 0\n";
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            format!("key = 0x{}\n", &KEY[..15]),
            vec!["line 5", "key must be a string, not an integer"],
        ),
        (format!("key = 0x{KEY}\n"), vec!["line 5"]),
        (
            format!("key = [\"{KEY}\"]\n"),
            vec!["line 5", "not an array"],
        ),
        (
            format!("key = \"{KEY}\"\nsalt = 0x{}\n", &SALT[..16]),
            vec!["line 6"],
        ),
        (
            format!("key = \"{KEY}\"\nssci = \"01020304\"\nsalt = \"E630E81A48DE86A21C66FA6Z\"\n"),
            vec!["line 7", "salt is not hexadecimal"],
        ),
        (format!("key = \"{KEY}\"\nan = \"{KEY}\"\n"), vec!["line"]),
        (format!("k{KEY} = 1\n"), vec!["line 5", "unknown field"]),
    ];
    for (tail, want) in cases {
        std::fs::write(&cfg, format!("{head}{tail}")).unwrap();
        let mut w = vec!["c.toml"];
        w.extend(want);
        refused(
            &[
                "protect",
                "--config",
                s(&cfg),
                s(&sample_pcap()),
                "/tmp/never.pcap",
            ],
            &w,
        );
    }
    std::fs::write(&cfg, format!("cipher = \"{KEY}\"\n")).unwrap();
    refused(
        &[
            "protect",
            "--config",
            s(&cfg),
            s(&sample_pcap()),
            "/tmp/never.pcap",
        ],
        &["line 1", "unknown cipher suite"],
    );
    std::fs::write(&cfg, format!("sci = 0x{}\n", &KEY[..15])).unwrap();
    refused(
        &[
            "protect",
            "--config",
            s(&cfg),
            s(&sample_pcap()),
            "/tmp/never.pcap",
        ],
        &["line 1", "SCI must be a string, not an integer"],
    );
    // 50 MB of nonsense in one field: the message is still one short line.
    let big = format!("cipher = \"{}\"\n", "z".repeat(50_000_000));
    std::fs::write(&cfg, big).unwrap();
    refused(
        &[
            "protect",
            "--config",
            s(&cfg),
            s(&sample_pcap()),
            "/tmp/never.pcap",
        ],
        &["line 1", "50000000 characters"],
    );
}

#[test]
fn the_lab_configuration_never_echoes_keys() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("lab.toml");
    std::fs::write(
        &cfg,
        format!(
            "[a]\nsci = \"0200000000010001\"\n[[a.tx_sa]]\nan = 0\nkey = 0x{}\n[b]\n",
            &KEY[..15]
        ),
    )
    .unwrap();
    refused(
        &["lab", "--config", s(&cfg)],
        &["lab.toml", "line 5", "key must be a string"],
    );
}
