use macsec_driver::sim::SimDevice;
use macsec_driver::Card;
use macsec_model::card::{BehavioralCard, CardCaps, CardModel};
use macsec_model::{Backend, Config};

const CFG_A: &str = r#"
cipher = "gcm-aes-128"
sci = "0011223344550001"
[[tx_sa]]
an = 0
key = "AD7A2BD03EAC835A6F620FDCB506B345"
"#;
const CFG_B: &str = r#"
cipher = "gcm-aes-128"
sci = "66778899AABB0001"
[[rx_sc]]
sci = "0011223344550001"
[[rx_sc.sa]]
an = 0
key = "AD7A2BD03EAC835A6F620FDCB506B345"
"#;

#[test]
fn smoke() {
    let da = SimDevice::new(BehavioralCard::new(CardCaps::default(), Backend::Ring));
    let db = SimDevice::new(BehavioralCard::new(CardCaps::default(), Backend::Ring));
    let mut a = Card::probe(Box::new(da.clone())).unwrap();
    let mut b = Card::probe(Box::new(db.clone())).unwrap();
    a.apply(&Config::from_toml(CFG_A).unwrap()).unwrap();
    b.apply(&Config::from_toml(CFG_B).unwrap()).unwrap();
    a.setup_rings(6, 2048).unwrap();
    b.setup_rings(6, 2048).unwrap();
    let frames: Vec<Vec<u8>> = (0..10)
        .map(|i| (0..100 + i).map(|x| x as u8).collect())
        .collect();
    let refs: Vec<&[u8]> = frames.iter().map(|f| &f[..]).collect();
    assert_eq!(a.post_tx(&refs).unwrap(), 10);
    let mut cpl = Vec::new();
    a.reap_tx(&mut cpl).unwrap();
    assert_eq!(cpl.len(), 10);
    while let Some(f) = da.with_card(|c| c.wire_out()) {
        db.with_card(|c| c.wire_in(&f));
    }
    db.run();
    eprintln!(
        "B: {:?} drops {}",
        b.secy_counters()
            .unwrap()
            .iter()
            .filter(|(_, v)| **v > 0)
            .collect::<Vec<_>>(),
        b.rx_drops().unwrap()
    );
    let mut got = Vec::new();
    b.reap_rx(|c, f| got.push((c.counter, f.to_vec()))).unwrap();
    assert_eq!(got.len(), 10);
    for (g, f) in got.iter().zip(&frames) {
        assert_eq!(&g.1, f);
        assert_eq!(g.0, 11);
    }
    let cnt = b.counters().unwrap();
    assert_eq!(cnt["SecY.InPktsOK"], 10);
    assert_eq!(cnt["RxSA[0].InPktsOK"], 10);
    assert_eq!(a.counters().unwrap()["SecY.OutPktsEncrypted"], 10);
    assert_eq!(a.tx_sa_state(0).unwrap().unwrap().next_pn, 11);
}
