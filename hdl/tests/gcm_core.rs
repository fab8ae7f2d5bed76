//! The GCM core against RustCrypto `aes-gcm`: seeded random messages (AAD and data 0..600
//! octets, both key sizes, both directions, consecutive messages on different keys, back to back
//! and with gaps), and the NIST GCM test cases. Failures print the seed.

use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::{Aes128Gcm, Aes256Gcm, Nonce};
use macsec_hdl::aes_pipeline::KEYS;
use macsec_hdl::core_sim::{CoreSim, Message};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Ciphertext (or plaintext) and tag from the reference.
fn reference(key: &[u8], m: &Message) -> (Vec<u8>, [u8; 16]) {
    let nonce = Nonce::from_slice(&m.iv);
    let mut data = m.data.clone();
    if !m.decrypt {
        let tag = if key.len() == 16 {
            Aes128Gcm::new_from_slice(key)
                .unwrap()
                .encrypt_in_place_detached(nonce, &m.aad, &mut data)
        } else {
            Aes256Gcm::new_from_slice(key)
                .unwrap()
                .encrypt_in_place_detached(nonce, &m.aad, &mut data)
        }
        .unwrap();
        return (data, tag.into());
    }
    // Decryption: the core outputs the plaintext and the tag over the ciphertext it was given.
    // CTR is its own inverse, so "encrypting" the ciphertext yields the plaintext; encrypting
    // that plaintext again gives the tag over the ciphertext.
    let seal = |p: &mut Vec<u8>| {
        if key.len() == 16 {
            Aes128Gcm::new_from_slice(key)
                .unwrap()
                .encrypt_in_place_detached(nonce, &m.aad, p)
        } else {
            Aes256Gcm::new_from_slice(key)
                .unwrap()
                .encrypt_in_place_detached(nonce, &m.aad, p)
        }
        .unwrap()
    };
    seal(&mut data);
    let mut back = data.clone();
    let tag = seal(&mut back);
    assert_eq!(back, m.data);
    (data, tag.into())
}

fn random_messages(rng: &mut StdRng, keys: &[Vec<u8>], n: usize) -> Vec<Message> {
    (0..n)
        .map(|_| {
            let key_slot = rng.gen_range(0..keys.len()) as u8;
            let aad_len = if rng.gen_bool(0.1) {
                0
            } else {
                rng.gen_range(0..=600)
            };
            let data_len = if rng.gen_bool(0.1) {
                0
            } else {
                rng.gen_range(0..=600)
            };
            let mut iv = [0u8; 12];
            rng.fill(&mut iv);
            let mut aad = vec![0u8; aad_len];
            rng.fill(&mut aad[..]);
            let mut data = vec![0u8; data_len];
            rng.fill(&mut data[..]);
            Message {
                key_slot,
                iv,
                aad,
                data,
                decrypt: rng.gen_bool(0.3),
            }
        })
        .collect()
}

fn check(seed: u64, messages: usize, gap: usize) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut sim = CoreSim::new();
    let keys: Vec<Vec<u8>> = (0..6)
        .map(|i| {
            let mut k = vec![0u8; if i % 2 == 0 { 16 } else { 32 }];
            rng.fill(&mut k[..]);
            k
        })
        .collect();
    // Key i in slot i × (KEYS - 1) / 5: spread over the core's slots, the first and last among
    // them (whatever the parameter set's KEYS).
    let slot_of = |i: usize| (i * (KEYS - 1) / (keys.len() - 1)) as u8;
    for (i, k) in keys.iter().enumerate() {
        sim.install_key(slot_of(i), k);
    }
    let mut msgs = random_messages(&mut rng, &keys, messages);
    for m in &mut msgs {
        m.key_slot = slot_of(m.key_slot as usize);
    }
    let outs = sim.run(&msgs, gap);
    assert_eq!(
        outs.len(),
        msgs.len(),
        "seed {seed}: {} outputs for {} messages",
        outs.len(),
        msgs.len()
    );
    for (i, (m, o)) in msgs.iter().zip(&outs).enumerate() {
        let k = (0..keys.len()).find(|&i| slot_of(i) == m.key_slot).unwrap();
        let (data, tag) = reference(&keys[k], m);
        assert_eq!(o.aad, m.aad, "seed {seed} message {i}: AAD");
        assert_eq!(o.data, data, "seed {seed} message {i}: data ({m:?})");
        assert_eq!(o.tag, tag, "seed {seed} message {i}: tag");
    }
}

#[test]
fn random_messages_back_to_back() {
    // 10,000 messages over several seeds (each run with its own key set).
    for seed in 0..20 {
        check(seed, 500, 0);
    }
}

#[test]
fn random_messages_with_gaps() {
    check(1000, 300, 3);
}

#[test]
fn nist_gcm_test_cases() {
    // The GCM specification's test cases with 96-bit IVs (McGrew and Viega, Appendix B):
    // 1-4 (AES-128) and 13-16 (AES-256).
    struct Case {
        key: &'static str,
        iv: &'static str,
        aad: &'static str,
        pt: &'static str,
        ct: &'static str,
        tag: &'static str,
    }
    let p = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
    let cases = [
        Case { key: "00000000000000000000000000000000", iv: "000000000000000000000000", aad: "", pt: "", ct: "", tag: "58e2fccefa7e3061367f1d57a4e7455a" },
        Case { key: "0000000000000000000000000000000000000000000000000000000000000000", iv: "000000000000000000000000", aad: "", pt: "", ct: "", tag: "530f8afbc74536b9a963b4f1c4cb738b" },
        Case { key: "00000000000000000000000000000000", iv: "000000000000000000000000", aad: "", pt: "00000000000000000000000000000000", ct: "0388dace60b6a392f328c2b971b2fe78", tag: "ab6e47d42cec13bdf53a67b21257bddf" },
        Case { key: "feffe9928665731c6d6a8f9467308308", iv: "cafebabefacedbaddecaf888", aad: "", pt: "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255", ct: "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985", tag: "4d5c2af327cd64a62cf35abd2ba6fab4" },
        Case { key: "feffe9928665731c6d6a8f9467308308", iv: "cafebabefacedbaddecaf888", aad: "feedfacedeadbeeffeedfacedeadbeefabaddad2", pt: p, ct: "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091", tag: "5bc94fbc3221a5db94fae95ae7121a47" },
        Case { key: "0000000000000000000000000000000000000000000000000000000000000000", iv: "000000000000000000000000", aad: "", pt: "00000000000000000000000000000000", ct: "cea7403d4d606b6e074ec5d3baf39d18", tag: "d0d1c8a799996bf0265b98b5d48ab919" },
        Case { key: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", iv: "cafebabefacedbaddecaf888", aad: "", pt: "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255", ct: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad", tag: "b094dac5d93471bdec1a502270e3cc6c" },
        Case { key: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", iv: "cafebabefacedbaddecaf888", aad: "feedfacedeadbeeffeedfacedeadbeefabaddad2", pt: p, ct: "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662", tag: "76fc6ece0f4e1768cddf8853bb2d551b" },
    ];
    let h = |s: &str| hex::decode(s).unwrap();
    let mut sim = CoreSim::new();
    for (i, c) in cases.iter().enumerate() {
        sim.install_key(i as u8, &h(c.key));
    }
    let msgs: Vec<Message> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| Message {
            key_slot: i as u8,
            iv: h(c.iv).try_into().unwrap(),
            aad: h(c.aad),
            data: h(c.pt),
            decrypt: false,
        })
        .collect();
    let outs = sim.run(&msgs, 0);
    for (i, (c, o)) in cases.iter().zip(&outs).enumerate() {
        assert_eq!(hex::encode(&o.data), c.ct, "case {i}");
        assert_eq!(hex::encode(o.tag), c.tag, "case {i}");
    }
}

#[test]
fn latencies_are_as_documented() {
    let (beat, tag, install) = macsec_hdl::bench::latency();
    assert_eq!(beat as usize, macsec_hdl::gcm_core::LATENCY);
    assert_eq!(tag as usize, macsec_hdl::gcm_core::TAG_LATENCY);
    assert!(install <= 40, "key install took {install} cycles");
}

#[test]
fn full_rate_at_1500_octets() {
    // Throughput is a property of the design (cycles), not of the machine: at least 15 octets
    // per cycle with 1500-octet messages back to back.
    let r = macsec_hdl::bench::throughput(1500, 4000);
    assert!(r.bytes_per_cycle >= 15.0, "{r:?}");
}

/// Both MACsec IV forms (SCI ‖ PN and (SSCI ‖ PN) ⊕ Salt): the 32 IEEE 802.1AE-2018 Annex C
/// vectors through the core, AAD and data cut from the frames as the SecY does.
#[test]
fn annex_c_vectors_through_the_core() {
    use macsec_model::cipher::IvForm;
    let vs = macsec_model::dev::annex_c().unwrap();
    let mut sim = CoreSim::new();
    let mut msgs = Vec::new();
    for (i, v) in vs.iter().enumerate() {
        sim.install_key(i as u8, v.key.as_bytes());
        let iv = match (v.ssci, v.salt) {
            (Some(ssci), Some(salt)) => IvForm::xpn(ssci, &salt).iv(v.pn),
            _ => IvForm::sci(v.sci).iv(v.pn),
        };
        let tag_len = if v.sci_in_sectag { 16 } else { 8 };
        let clear = 12 + tag_len;
        let frame = &v.protected;
        let (aad, data) = if v.confidentiality {
            (frame[..clear].to_vec(), v.unprotected[12..].to_vec())
        } else {
            (frame[..frame.len() - 16].to_vec(), Vec::new())
        };
        msgs.push(Message {
            key_slot: i as u8,
            iv,
            aad,
            data,
            decrypt: false,
        });
    }
    let outs = sim.run(&msgs, 0);
    for (v, o) in vs.iter().zip(&outs) {
        let n = v.protected.len();
        assert_eq!(o.tag[..], v.protected[n - 16..], "{} ICV", v.id);
        if v.confidentiality {
            let tag_len = if v.sci_in_sectag { 16 } else { 8 };
            assert_eq!(
                o.data[..],
                v.protected[12 + tag_len..n - 16],
                "{} Secure Data",
                v.id
            );
        }
    }
}

/// A reset overwrites every slot's round keys and H with zeros (the key expander's wipe, one
/// slot per cycle, `key_ready` low meanwhile): afterwards a slot keyed before the reset
/// encrypts exactly as a slot that was never keyed, not with its old key.
#[test]
fn a_reset_wipes_round_keys_and_h() {
    let m = Message {
        key_slot: 3,
        iv: [7; 12],
        aad: vec![1; 20],
        data: vec![2; 40],
        decrypt: false,
    };
    let never = CoreSim::new().run(std::slice::from_ref(&m), 0);
    let mut sim = CoreSim::new();
    sim.install_key(3, &[0x5A; 32]);
    let keyed = sim.run(std::slice::from_ref(&m), 0);
    assert_ne!(keyed[0].tag, never[0].tag, "the key made no difference");
    sim.reset();
    assert!(!sim.uut.key_ready.val(), "not wiping after the reset");
    let mut n = 0;
    while !sim.uut.key_ready.val() {
        sim.tick();
        n += 1;
    }
    assert_eq!(
        n,
        macsec_hdl::aes_pipeline::KEYS,
        "the wipe took {n} cycles"
    );
    let after = sim.run(std::slice::from_ref(&m), 0);
    assert_eq!(after[0].data, never[0].data);
    assert_eq!(after[0].tag, never[0].tag);
}
