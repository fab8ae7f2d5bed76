//! The egress pipeline against the golden SecY: the engine programmed through its CSR bus,
//! frames of many sizes back to back, every protected frame and status compared.

use macsec_hdl::engine::sim::EngineSim;
use macsec_hdl::engine::tx_back::STATUS_DROP;
use macsec_model::regmap::tables::{key, tx_sa};
use macsec_model::regmap::{card as c, secy as s};
use macsec_model::{Backend, Config, FrameBuf};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

mod common;

use common::{key_words, table};

#[test]
fn egress_protects_like_the_golden_model() {
    for (suite, code, klen, conf, offset) in [
        ("gcm-aes-128", 0, 16, true, 0),
        ("gcm-aes-256", 1, 32, true, 30),
        ("gcm-aes-128", 0, 16, false, 0),
        ("gcm-aes-xpn-256", 3, 32, true, 0),
        ("gcm-aes-128", 0, 16, true, 50),
    ] {
        let mut rng = StdRng::seed_from_u64(code as u64 * 7 + offset as u64);
        let key: Vec<u8> = (0..klen).map(|_| rng.gen()).collect();
        let xpn = suite.contains("xpn");
        let toml = format!(
            "cipher = \"{suite}\"\nsci = \"0012345678900001\"\nencrypt = {conf}\noffset = {offset}\nencodingsa = 2\n\
             send_sci = {sci}\n\
             [[tx_sa]]\nan = 2\npn = {pn}\nkey = \"{k}\"\n{x}",
            sci = offset == 30,
            pn = if xpn { 0x1_FFFF_FFF0u64 } else { 7 },
            k = hex::encode(&key),
            x = if xpn { "ssci = \"01020304\"\nsalt = \"0102030405060708090a0b0c\"\n" } else { "" },
        );
        let cfg = Config::from_toml(&toml).unwrap();
        let mut golden = cfg.build(Backend::RustCrypto).unwrap();
        let mut sim = EngineSim::new();
        common::program(&mut sim, &cfg);
        let sizes: Vec<usize> = (0..60)
            .map(|i| match i % 6 {
                0 => 60,
                1 => rng.gen_range(13..80),
                2 => 1500,
                3 => rng.gen_range(61..300),
                4 => 5,
                _ => rng.gen_range(14..64),
            })
            .collect();
        let frames: Vec<Vec<u8>> = sizes
            .iter()
            .map(|&n| (0..n).map(|_| rng.gen()).collect())
            .collect();
        for f in &frames {
            sim.send_egress(f);
        }
        let mut guard = 0;
        while sim.egress_done() < frames.len() && guard < 200_000 {
            sim.tick();
            guard += 1;
        }
        assert_eq!(sim.egress_done(), frames.len(), "{suite}: frames out");
        for (i, f) in frames.iter().enumerate() {
            let mut b = FrameBuf::with_capacity(f.len());
            b.set(f);
            let r = golden.protect(&mut b);
            let o = sim.egress_out().unwrap();
            let drop = o.status & STATUS_DROP != 0;
            assert_eq!(
                drop,
                !r.counter.transmits(),
                "{suite} frame {i} ({} octets): drop",
                f.len()
            );
            assert_eq!(
                o.status & 0xF,
                r.counter.index() as u32,
                "{suite} frame {i}: counter"
            );
            if !drop {
                assert_eq!(
                    hex::encode(&o.data),
                    hex::encode(b.as_slice()),
                    "{suite} frame {i} ({} octets)",
                    f.len()
                );
            }
        }
    }
}

#[test]
fn egress_rate_at_1500_octets() {
    let mut sim = EngineSim::new();
    sim.write(
        s::CTRL.offset,
        s::CTRL_PROTECT.val(1) | s::CTRL_VALIDATE.val(2),
    );
    let key = [7u8; 16];
    table(&mut sim, key::ID, 0, &key_words(&key));
    table(
        &mut sim,
        tx_sa::ID,
        0,
        &[
            tx_sa::CTRL_ENABLE.bit() | tx_sa::CTRL_VALID.bit() | tx_sa::CTRL_CONF.bit(),
            1,
            0,
            0,
            0,
            0,
            0,
        ],
    );
    sim.write(c::CONTROL.offset, c::CONTROL_ENABLE.bit());
    let f = vec![0x5Au8; 1500];
    for _ in 0..40 {
        sim.send_egress(&f);
    }
    let start = sim.cycles;
    let t = std::time::Instant::now();
    while sim.egress_done() < 40 {
        sim.tick();
    }
    let secs = t.elapsed().as_secs_f64();
    let outs: Vec<_> = (0..40).map(|_| sim.egress_out().unwrap()).collect();
    let lat = outs[0].first - sim.e_accepted[0];
    let span = outs[39].last - outs[9].last;
    let rate = 30.0 * 1500.0 / span as f64;
    eprintln!(
        "latency {lat} cycles, {rate:.2} input octets/cycle, {:.0} cycles/s",
        (sim.cycles - start) as f64 / secs
    );
    assert!(rate > 14.0);
}
