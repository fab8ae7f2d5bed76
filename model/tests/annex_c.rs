//! IEEE 802.1AE-2018 Annex C: all 32 vectors, both directions, both AEAD backends.

use macsec_model::dev::{annex_c, run_annex_c, GoldenModel};
use macsec_model::Backend;

#[test]
fn there_are_32_vectors_and_their_ivs_match() {
    let vs = annex_c().unwrap();
    assert_eq!(vs.len(), 32);
    for v in &vs {
        let iv = match (v.ssci, v.salt) {
            (Some(ssci), Some(salt)) => macsec_model::cipher::IvForm::xpn(ssci, &salt).iv(v.pn),
            _ => macsec_model::cipher::IvForm::sci(v.sci).iv(v.pn),
        };
        assert_eq!(iv, v.iv, "{}", v.id);
    }
}

#[test]
fn all_vectors_through_the_golden_model() {
    for b in Backend::ALL {
        let failures = run_annex_c(&mut GoldenModel(b)).unwrap();
        assert!(failures.is_empty(), "{b}:\n{}", failures.join("\n"));
    }
}
