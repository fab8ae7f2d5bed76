//! Waveforms leave key material out unless asked, for any engine model: the engine programmed
//! with a SAK through its CSR bus and a frame protected while recording; no 32-bit value in the
//! redacted VCD is a word of the SAK or of H, while the VCD with keys holds them all (so the
//! check can see them). Used by hdl/tests/vcd_keys.rs (rust-hdl) and the Verilator crate's tests.

use std::collections::HashSet;

use aes::cipher::{BlockEncrypt, KeyInit};
use macsec_hdl::engine::sim::EngineSim;
use macsec_hdl::vcd_redact::Keys;
use macsec_model::Config;

use crate::common::program;

const KEY: &str = "E3C08A8F06C6E3AD95A70557B23F75483CE33021A9C72B7025666204C69C0B72";

/// Every value a 32-bit signal takes in the VCD.
pub fn words(vcd: &str) -> HashSet<u32> {
    let mut wide = HashSet::new();
    let mut out = HashSet::new();
    let mut body = false;
    for l in vcd.lines() {
        let t: Vec<&str> = l.split_whitespace().collect();
        if !body {
            if let ["$var", _, "32", id, ..] = t.as_slice() {
                wide.insert(id.to_string());
            }
            body = l.starts_with("$enddefinitions");
            continue;
        }
        if let [v, id] = t.as_slice() {
            if let Some(bits) = v.strip_prefix('b') {
                if wide.contains(*id) {
                    if let Ok(x) = u32::from_str_radix(bits, 2) {
                        out.insert(x);
                    }
                }
            }
        }
    }
    out
}

/// Program `sim` with a GCM-AES-256 SAK and protect a frame while recording.
pub fn record(mut sim: EngineSim, keys: Keys) -> String {
    let cfg = Config::from_toml(&format!(
        "cipher = \"gcm-aes-256\"\nsci = \"0012345678900001\"\n\
         [[tx_sa]]\nan = 0\npn = 1\nkey = \"{KEY}\"\n"
    ))
    .unwrap();
    sim.start_vcd_for(u64::MAX, keys);
    program(&mut sim, &cfg);
    let frame: Vec<u8> = (0..200u32).map(|i| (i * 7) as u8).collect();
    sim.send_egress(&frame);
    let mut guard = 0;
    while sim.egress_done() < 1 && guard < 20_000 {
        sim.tick();
        guard += 1;
    }
    assert!(sim.egress_out().is_some(), "no frame left the egress");
    String::from_utf8(sim.take_vcd()).unwrap()
}

pub fn secrets() -> Vec<u32> {
    let key = hex::decode(KEY).unwrap();
    let mut v: Vec<u32> = key
        .chunks(4)
        .map(|c| u32::from_be_bytes(c.try_into().unwrap()))
        .collect();
    let aes = aes::Aes256::new_from_slice(&key).unwrap();
    let mut h = [0u8; 16].into();
    aes.encrypt_block(&mut h);
    v.extend(
        h.chunks(4)
            .map(|c| u32::from_be_bytes(c.try_into().unwrap())),
    );
    v
}

/// No word of the SAK or H in a redacted VCD of `sim`.
pub fn check_redacted(sim: EngineSim) {
    let vcd = record(sim, Keys::Redact);
    let seen = words(&vcd);
    assert!(
        seen.len() > 50,
        "the VCD holds too few values to mean anything"
    );
    for w in secrets() {
        assert!(!seen.contains(&w), "{w:08x} of the SAK or H is in the VCD");
    }
    // The signals are declared; their values are x.
    let declared = |leaf: &str| {
        vcd.lines().any(|l| {
            let t: Vec<&str> = l.split_whitespace().collect();
            t.first() == Some(&"$var")
                && t.get(4).is_some_and(|n| n.rsplit('$').next() == Some(leaf))
        })
    };
    assert!(declared("rk_data0") && declared("key0"));
    assert!(vcd.lines().any(|l| l.starts_with("bx ")));
}

/// Every word of the SAK and H in a VCD of `sim` with keys.
pub fn check_included(sim: EngineSim) {
    let seen = words(&record(sim, Keys::Include));
    for w in secrets() {
        assert!(
            seen.contains(&w),
            "{w:08x} missing: the check above would prove nothing"
        );
    }
}
