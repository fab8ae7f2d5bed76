//! The TOML configuration: `ip macsec` words, defaults, clear errors, and keys kept out of Debug.

use macsec_model::config::{Config, ConfigFileError};
use macsec_model::secy::ValidateFrames;
use macsec_model::{Backend, CipherSuite, FrameBuf, RxCounter, Sci};

const KEY: &str = "E3C08A8F06C6E3AD95A70557B23F75483CE33021A9C72B7025666204C69C0B72";

fn a_side() -> String {
    format!(
        r#"
cipher = "gcm-aes-xpn-256"
sci = "00112233445500 01"
encrypt = true
replay = true
window = 8
validate = "check"
encodingsa = 1
pn_threshold = "0xC000000000000000"

[[tx_sa]]
an = 1
xpn = "0x00000001FFFFFFFE"
key = "{KEY}"
ssci = "00000001"
salt = "E630E81A48DE86A21C66FA6D"

[[rx_sc]]
address = "66:77:88:99:AA:BB"
port = 1
[[rx_sc.sa]]
an = 1
key = "{KEY}"
ssci = "00000002"
salt = "E630E81A48DE86A21C66FA6D"
"#
    )
}

fn b_side() -> String {
    format!(
        r#"
cipher = "gcm-aes-xpn-256"
sci = "66778899AABB0001"
replay = true
window = 8
[[rx_sc]]
sci = "0011223344550001"
[[rx_sc.sa]]
an = 1
xpn = 0x1FFFFFFFE
key = "{KEY}"
ssci = "00000001"
salt = "E630E81A48DE86A21C66FA6D"
"#
    )
}

#[test]
fn two_configured_secys_talk_across_a_2_32_boundary() {
    let a = Config::from_toml(&a_side()).unwrap();
    assert_eq!(a.cipher, CipherSuite::GcmAesXpn256);
    assert_eq!(a.validate, ValidateFrames::Check);
    let mut tx = a.build(Backend::Ring).unwrap();
    let mut rx = Config::from_toml(&b_side())
        .unwrap()
        .build(Backend::RustCrypto)
        .unwrap();
    assert_eq!(rx.rx_scs()[0].sci, Sci(0x0011_2233_4455_0001));
    let mut b = FrameBuf::new();
    for i in 0..4u8 {
        let f: Vec<u8> = (0..100).map(|x| x ^ i).collect();
        b.set(&f);
        let t = tx.protect(&mut b);
        assert_eq!((t.an, t.pn), (1, 0x1_FFFF_FFFE + i as u64));
        assert_eq!(rx.validate(&mut b).counter, Some(RxCounter::OK));
        assert_eq!(b.as_slice(), &f[..]);
    }
}

fn error(toml: &str) -> String {
    match Config::from_toml(toml).and_then(|c| c.build(Backend::Ring).map(|_| ())) {
        Ok(()) => panic!("accepted: {toml}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn errors_name_the_problem_and_the_place() {
    let k16 = "AD7A2BD03EAC835A6F620FDCB506B345";
    let cases = [
        ("cipher = \"gcm-aes-512\"", "unknown cipher suite"),
        ("colour = 1", "unknown field"),
        ("offset = 20", "offset 20"),
        ("cipher = \"gcm-aes-xpn-128\"\noffset = 30", "no confidentiality offset"),
        ("send_sci = true\nend_station = true", "send_sci and end_station"),
        ("encodingsa = 4", "AN 4"),
        (&format!("[[tx_sa]]\nan = 0\nkey = \"{KEY}\""), "tx_sa[0]: gcm-aes-128 needs a 16-octet key"),
        (&format!("[[tx_sa]]\nan = 9\nkey = \"{k16}\""), "tx_sa[0]: AN 9"),
        (&format!("[[tx_sa]]\nan = 0\npn = 0\nkey = \"{k16}\""), "PN 0x0"),
        ("[[tx_sa]]\nan = 0\nkey = \"XYZ\"", "key is not hexadecimal"),
        (
            &format!("cipher = \"gcm-aes-xpn-128\"\n[[rx_sc]]\nsci = \"0000000000000001\"\n[[rx_sc.sa]]\nan = 0\nkey = \"{k16}\""),
            "rx_sc[0].sa[0]: gcm-aes-xpn-128 needs both an SSCI and a salt",
        ),
        ("[[rx_sc]]\naddress = \"001122334455\"", "either sci, or address and port"),
        (&format!("[[tx_sa]]\nan = 0\npn = 1\nxpn = 2\nkey = \"{k16}\""), "tx_sa[0]: give pn or xpn, not both"),
        (&format!("[[tx_sa]]\nan = 0\nlowest_pn = 1\nkey = \"{k16}\""), "lowest_pn applies to receive SAs only"),
    ];
    for (toml, want) in cases {
        let e = error(toml);
        assert!(e.contains(want), "{toml:?}: {e:?} lacks {want:?}");
    }
}

#[test]
fn end_station_turns_send_sci_off_by_default() {
    let c = Config::from_toml("end_station = true").unwrap();
    let controls = c.controls().unwrap();
    assert!(controls.use_es && !controls.always_include_sci);
    assert!(
        Config::from_toml("")
            .unwrap()
            .controls()
            .unwrap()
            .always_include_sci
    );
}

#[test]
fn keys_never_appear_in_debug_output() {
    let c = Config::from_toml(&a_side()).unwrap();
    let secy = c.build(Backend::Ring).unwrap();
    for text in [
        format!("{c:?}"),
        format!("{secy:?}"),
        format!("{:?}", c.tx_sa[0]),
    ] {
        assert!(!text.contains(&KEY[..16]), "key leaked: {text}");
        assert!(!text.to_lowercase().contains(&KEY[..16].to_lowercase()));
    }
    assert!(format!("{c:?}").contains("redacted"));
    // A parse error must not echo the key back either.
    let bad = format!("[[tx_sa]]\nan = 0\nkey = \"{}Z\"", &KEY[..31]);
    let e = match Config::from_toml(&bad) {
        Err(ConfigFileError::Toml(e)) => e,
        other => panic!("{other:?}"),
    };
    assert!(!e.contains(&KEY[..16]), "{e}");
}
