use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::{Aes128Gcm, Aes256Gcm, Nonce};
use macsec_hdl::core_sim::{CoreSim, Message};

fn reference(key: &[u8], m: &Message) -> (Vec<u8>, [u8; 16]) {
    let mut data = m.data.clone();
    let nonce = Nonce::from_slice(&m.iv);
    let tag = if key.len() == 16 {
        Aes128Gcm::new_from_slice(key).unwrap().encrypt_in_place_detached(nonce, &m.aad, &mut data)
    } else {
        Aes256Gcm::new_from_slice(key).unwrap().encrypt_in_place_detached(nonce, &m.aad, &mut data)
    }
    .unwrap();
    (data, tag.into())
}

#[test]
fn one_message() {
    let mut sim = CoreSim::new();
    let key = [0x42u8; 16];
    let c = sim.install_key(3, &key);
    eprintln!("install took {c} cycles");
    let m = Message { key_slot: 3, iv: [7; 12], aad: (0..20).collect(), data: (0..40).collect(), decrypt: false };
    let out = sim.run(std::slice::from_ref(&m), 0);
    let (ct, tag) = reference(&key, &m);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].aad, m.aad);
    assert_eq!(out[0].data, ct);
    assert_eq!(out[0].tag, tag);
}
