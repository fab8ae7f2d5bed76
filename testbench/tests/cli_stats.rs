//! `--stats` and `--config` through the command line: the JSON carries the 802.1AE-2018 names
//! with SecY-wide totals, and a damaged capture is accounted for frame by frame.

mod common;

use common::*;
use serde_json::Value;

const KEY: &str = "AD7A2BD03EAC835A6F620FDCB506B345";
const SCI: &str = "12153524C0895E81";

fn stats(path: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn counters_by_their_standard_names() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (prot, back) = (d.join("prot.pcap"), d.join("back.pcap"));
    let (ps, vs) = (d.join("p.json"), d.join("v.json"));
    let sample = sample_pcap();
    let flags = ["--key", KEY, "--sci", SCI, "--encrypt", "off"];
    let mut a = vec!["protect"];
    a.extend(flags);
    a.extend(["--stats", s(&ps), s(&sample), s(&prot)]);
    assert!(macsec(&a).status.success());
    let p = stats(&ps);
    assert_eq!(p["OutPktsProtected"], 11);
    assert_eq!(p["OutPktsEncrypted"], 0);
    let user_octets: u64 = read_pcap(&sample_pcap())
        .iter()
        .map(|f| f.len() as u64 - 12)
        .sum();
    assert_eq!(p["OutOctetsProtected"], user_octets);
    assert_eq!(p["tx_sc"]["sa"][0]["next_pn"], 12);

    // Damage three frames of the protected capture: a flipped ICV bit (Check delivers it as
    // Invalid: integrity only), a replay (Late), and a broken SecTAG (BadTag).
    let mut frames = read_pcap(&prot);
    let last = frames[1].len() - 1;
    frames[1][last] ^= 1;
    frames[4] = frames[3].clone();
    frames[6][14] |= 0x80;
    let damaged = d.join("damaged.pcap");
    write_pcap(&damaged, &frames);
    let mut a = vec!["validate"];
    a.extend(&flags[..4]);
    a.extend([
        "--validate",
        "check",
        "--replay",
        "on",
        "--stats",
        s(&vs),
        s(&damaged),
        s(&back),
    ]);
    let o = macsec(&a);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = stats(&vs);
    for (name, want) in [
        ("InPktsOK", 8),
        ("InPktsInvalid", 1),
        ("InPktsLate", 1),
        ("InPktsBadTag", 1),
        ("InPktsNoTag", 0),
        ("InPktsNotValid", 0),
        ("InPktsNoSA", 0),
        ("InPktsNoSAError", 0),
        ("InPktsUntagged", 0),
        ("InPktsDelayed", 0),
        ("InPktsUnchecked", 0),
        ("InPktsOverrun", 0),
    ] {
        assert_eq!(v[name], want, "{name}");
    }
    assert_eq!(v["rx_sc"][0]["stats"]["InPktsLate"], 1);
    assert_eq!(
        read_pcap(&back).len(),
        9,
        "OK and Invalid frames are delivered"
    );
    let line = stderr(&o);
    assert_eq!(line.lines().count(), 1);
    assert!(
        line.contains("11 frames, 9 delivered, 2 discarded"),
        "{line}"
    );
}

#[test]
fn strict_on_an_unprotected_capture_delivers_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (out, st) = (dir.path().join("o.pcap"), dir.path().join("s.json"));
    let o = macsec(&[
        "validate",
        "--key",
        KEY,
        "--sci",
        SCI,
        "--stats",
        s(&st),
        s(&sample_pcap()),
        s(&out),
    ]);
    assert!(o.status.success());
    assert_eq!(read_pcap(&out).len(), 0);
    assert_eq!(stats(&st)["InPktsNoTag"], 11);
}

#[test]
fn a_config_file_replaces_the_flags() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cfg = d.join("secy.toml");
    std::fs::write(
        &cfg,
        format!(
            "cipher = \"gcm-aes-128\"\nsci = \"{SCI}\"\noffset = 30\nencodingsa = 2\n\
             [[tx_sa]]\nan = 2\npn = 100\nkey = \"{KEY}\"\n\
             [[rx_sc]]\nsci = \"{SCI}\"\n[[rx_sc.sa]]\nan = 2\npn = 100\nkey = \"{KEY}\"\n"
        ),
    )
    .unwrap();
    let (prot, back) = (d.join("p.pcap"), d.join("b.pcap"));
    let o = macsec(&["protect", "--config", s(&cfg), s(&sample_pcap()), s(&prot)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let frames = read_pcap(&prot);
    assert_eq!(frames[0][14] & 3, 2, "AN 2");
    assert_eq!(&frames[0][16..20], &100u32.to_be_bytes());
    let o = macsec(&["validate", "--config", s(&cfg), s(&prot), s(&back)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(read_pcap(&back), read_pcap(&sample_pcap()));
    // The same capture validated with offset 0 fails: the offset is part of the contract.
    let o = macsec(&[
        "validate",
        "--key",
        KEY,
        "--sci",
        SCI,
        "--an",
        "2",
        "--pn",
        "100",
        s(&prot),
        s(&back),
    ]);
    assert!(stderr(&o).contains("InPktsNotValid 11"), "{}", stderr(&o));
}

#[test]
fn the_example_config_round_trips_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/secy.toml");
    let (prot, back) = (dir.path().join("p.pcap"), dir.path().join("b.pcap"));
    let o = macsec(&["protect", "--config", s(&cfg), s(&sample_pcap()), s(&prot)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = macsec(&["validate", "--config", s(&cfg), s(&prot), s(&back)]);
    assert!(stderr(&o).contains("InPktsOK 11"), "{}", stderr(&o));
    assert_eq!(read_pcap(&back), read_pcap(&sample_pcap()));
}
