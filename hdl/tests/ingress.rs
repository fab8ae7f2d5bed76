//! The ingress pipeline against the golden SecY: frames protected by a golden transmitter (some
//! damaged, replayed, cut short or foreign) into the engine's ingress, every delivered frame,
//! status and drop compared with the golden receiver's.

mod common;

use macsec_hdl::engine::rx_back::{STATUS_DROP, STATUS_NONE};
use macsec_hdl::engine::sim::EngineSim;
use macsec_model::{Backend, Config, FrameBuf};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn config(suite: &str, validate: &str, extra: &str, klen: usize, rng: &mut StdRng) -> String {
    let key: Vec<u8> = (0..klen).map(|_| rng.gen()).collect();
    let xpn = suite.contains("xpn");
    let x = if xpn {
        "ssci = \"01020304\"\nsalt = \"0102030405060708090a0b0c\"\n"
    } else {
        ""
    };
    format!(
        "cipher = \"{suite}\"\nsci = \"0012345678900001\"\nvalidate = \"{validate}\"\nencodingsa = 1\n{extra}\n\
         [[tx_sa]]\nan = 1\npn = {pn}\nkey = \"{k}\"\n{x}\
         [[rx_sc]]\nsci = \"0012345678900001\"\n[[rx_sc.sa]]\nan = 1\npn = {pn}\nkey = \"{k}\"\n{x}",
        pn = if xpn { 0x7FFF_FFF0u64 } else { 7 },
        k = hex::encode(&key),
    )
}

fn run(toml: &str, seed: u64, frames: usize) {
    let cfg = Config::from_toml(toml).unwrap();
    let mut tx = cfg.build(Backend::RustCrypto).unwrap();
    let mut golden = cfg.build(Backend::RustCrypto).unwrap();
    let mut sim = EngineSim::new();
    common::program(&mut sim, &cfg);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut wire: Vec<Vec<u8>> = Vec::new();
    let mut last: Option<Vec<u8>> = None;
    for i in 0..frames {
        let n = match i % 5 {
            0 => 60,
            1 => rng.gen_range(14..100),
            2 => rng.gen_range(100..1600),
            3 => 1500,
            _ => rng.gen_range(20..70),
        };
        let f: Vec<u8> = (0..n).map(|_| rng.gen()).collect();
        let mut b = FrameBuf::with_capacity(n);
        b.set(&f);
        let r = tx.protect(&mut b);
        let mut w = if r.counter.transmits() {
            b.to_vec()
        } else {
            f.clone()
        };
        match rng.gen_range(0..20) {
            0 => {
                let k = rng.gen_range(0..w.len());
                w[k] ^= 1 << rng.gen_range(0..8);
            }
            1 => {
                if let Some(l) = &last {
                    w = l.clone();
                }
            }
            2 => w.truncate(rng.gen_range(1..w.len().max(2))),
            3 => w = f.clone(),
            4 if w.len() > 14 => w[14] ^= 1 << rng.gen_range(0..8),
            _ => {}
        }
        if w.is_empty() {
            w.push(0);
        }
        last = Some(w.clone());
        wire.push(w);
    }
    for w in &wire {
        sim.send_ingress(w);
    }
    let mut guard = 0;
    while sim.ingress_done() < wire.len() && guard < 400_000 {
        sim.tick();
        guard += 1;
    }
    assert_eq!(sim.ingress_done(), wire.len(), "frames out");
    for (i, w) in wire.iter().enumerate() {
        let mut b = FrameBuf::with_capacity(w.len());
        b.set(w);
        let r = golden.validate(&mut b);
        let o = sim.ingress_out().unwrap();
        let want = r.counter.map_or(STATUS_NONE, |c| c.index() as u32);
        assert_eq!(
            o.status & 0xF,
            want,
            "frame {i} ({} octets): counter {:?}, wire {}",
            w.len(),
            r.counter,
            hex::encode(&w[..w.len().min(40)])
        );
        let drop = o.status & STATUS_DROP != 0;
        assert_eq!(drop, !r.delivered(), "frame {i}: drop");
        if !drop {
            assert_eq!(
                hex::encode(&o.data),
                hex::encode(b.as_slice()),
                "frame {i}: data"
            );
        }
    }
    let hist: Vec<String> = macsec_model::RxCounter::ALL
        .iter()
        .map(|c| (c, golden.stats().in_pkts[c.index()]))
        .filter(|x| x.1 > 0)
        .map(|(c, n)| format!("{} {n}", c.name()))
        .collect();
    eprintln!("{}", hist.join(", "));
    // Counters: SecY scope, every receive counter.
    for (id, c) in macsec_model::RxCounter::ALL.iter().enumerate() {
        use macsec_model::regmap::counters::window as cw;
        sim.write(cw::SEL.offset, cw::SEL_ID.val(id as u32));
        let lo = sim.read(cw::LO.offset);
        assert_eq!(lo as u64, golden.stats().in_pkts[c.index()], "{}", c.name());
    }
}

#[test]
fn ingress_validates_like_the_golden_model() {
    let mut rng = StdRng::seed_from_u64(1);
    for (suite, klen, validate, extra) in [
        ("gcm-aes-128", 16, "strict", "encrypt = true"),
        (
            "gcm-aes-256",
            32,
            "check",
            "encrypt = true\noffset = 30\nsend_sci = true",
        ),
        (
            "gcm-aes-128",
            16,
            "check",
            "encrypt = false\nreplay = true\nwindow = 0",
        ),
        (
            "gcm-aes-xpn-128",
            16,
            "strict",
            "encrypt = true\nreplay = true\nwindow = 2",
        ),
        (
            "gcm-aes-128",
            16,
            "disabled",
            "encrypt = false\nend_station = true",
        ),
        (
            "gcm-aes-256",
            32,
            "strict",
            "encrypt = true\noffset = 50\nreplay = false",
        ),
    ] {
        let toml = config(suite, validate, extra, klen, &mut rng);
        run(&toml, rng.gen(), 150);
    }
}
