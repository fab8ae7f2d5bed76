//! The gather against a byte-level reference: random segments, parts and messages, random
//! output stalls; every beat out is checked, then the run is replayed in Icarus.

use macsec_hdl::engine::gather::{mask_of, Gather};
use macsec_hdl::lanes::{from_bytes, to_bytes};
use macsec_hdl::replay::{port, Port, Trace};
use macsec_model::dev::tool_available;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rust_hdl::prelude::*;

const INS: &[Port] = &[
    port("reset", 1),
    port("in_valid", 1),
    port("a_d0", 32),
    port("a_d1", 32),
    port("a_d2", 32),
    port("a_d3", 32),
    port("a_start", 4),
    port("a_len", 5),
    port("b_d0", 32),
    port("b_d1", 32),
    port("b_d2", 32),
    port("b_d3", 32),
    port("b_len", 5),
    port("in_end", 1),
    port("in_eom", 1),
    port("in_aad", 1),
    port("in_m0", 32),
    port("in_m1", 32),
    port("in_m2", 32),
    port("in_m3", 32),
    port("out_ready", 1),
];
const OUTS: &[Port] = &[
    port("in_ready", 1),
    port("out_valid", 1),
    port("out_sop", 1),
    port("out_eop", 1),
    port("out_aad", 1),
    port("out_mask", 16),
    port("out_d0", 32),
    port("out_d1", 32),
    port("out_d2", 32),
    port("out_d3", 32),
    port("out_m0", 32),
    port("out_m1", 32),
    port("out_m2", 32),
    port("out_m3", 32),
];

fn ins(u: &Gather) -> Vec<u64> {
    let v = |b: &Signal<In, Bits<32>>| b.next.to_u32() as u64;
    vec![
        u.reset.next as u64,
        u.in_valid.next as u64,
        v(&u.a_d0),
        v(&u.a_d1),
        v(&u.a_d2),
        v(&u.a_d3),
        u.a_start.next.index() as u64,
        u.a_len.next.index() as u64,
        v(&u.b_d0),
        v(&u.b_d1),
        v(&u.b_d2),
        v(&u.b_d3),
        u.b_len.next.index() as u64,
        u.in_end.next as u64,
        u.in_eom.next as u64,
        u.in_aad.next as u64,
        v(&u.in_m0),
        v(&u.in_m1),
        v(&u.in_m2),
        v(&u.in_m3),
        u.out_ready.next as u64,
    ]
}

fn outs(u: &Gather) -> Vec<u64> {
    let v = |b: &Signal<Out, Bits<32>>| b.val().to_u32() as u64;
    vec![
        u.in_ready.val() as u64,
        u.out_valid.val() as u64,
        u.out_sop.val() as u64,
        u.out_eop.val() as u64,
        u.out_aad.val() as u64,
        u.out_mask.val().index() as u64,
        v(&u.out_d0),
        v(&u.out_d1),
        v(&u.out_d2),
        v(&u.out_d3),
        v(&u.out_m0),
        v(&u.out_m1),
        v(&u.out_m2),
        v(&u.out_m3),
    ]
}

fn tick(u: &mut Gather, t: &mut Trace) {
    let i = ins(u);
    u.clock.next = false.into();
    simulate(u, 50);
    u.clock.next = true.into();
    simulate(u, 50);
    t.record(&i, &outs(u));
}

/// One push: (beat, start, len, second beat, its len, end, eom, aad, meta word).
type Push = (
    [u8; 16],
    usize,
    usize,
    [u8; 16],
    usize,
    bool,
    bool,
    bool,
    u32,
);

/// A message: AAD, data, tag (meta lane).
type Msg = (Vec<u8>, Vec<u8>, u32);

/// Random messages, each an AAD part and an optional data part, cut into random segments.
fn pushes(rng: &mut StdRng, n: usize) -> (Vec<Push>, Vec<Msg>) {
    let mut ps = Vec::new();
    let mut msgs = Vec::new();
    for m in 0..n as u32 {
        let aad: Vec<u8> = (0..rng.gen_range(1..70)).map(|_| rng.gen()).collect();
        let data: Vec<u8> = if rng.gen_bool(0.2) {
            Vec::new()
        } else {
            (0..rng.gen_range(1..90)).map(|_| rng.gen()).collect()
        };
        for (part, is_aad) in [(&aad, true), (&data, false)] {
            if part.is_empty() {
                continue;
            }
            let last_part = !is_aad || data.is_empty();
            let mut at = 0;
            while at < part.len() {
                let left = part.len() - at;
                let start = rng.gen_range(0..16);
                let alen = rng.gen_range(0..=(16 - start)).min(left);
                let blen = if rng.gen_bool(0.3) {
                    rng.gen_range(0..=16).min(left - alen)
                } else {
                    0
                };
                let mut a: [u8; 16] = rng.gen();
                a[start..start + alen].copy_from_slice(&part[at..at + alen]);
                let mut b: [u8; 16] = rng.gen();
                b[..blen].copy_from_slice(&part[at + alen..at + alen + blen]);
                at += alen + blen;
                let end = at == part.len();
                ps.push((a, start, alen, b, blen, end, end && last_part, is_aad, m));
            }
        }
        msgs.push((aad, data, m));
    }
    (ps, msgs)
}

#[test]
fn gather_packs_segments_into_beats() {
    let mut rng = StdRng::seed_from_u64(7);
    let (ps, msgs) = pushes(&mut rng, 300);
    let mut u = Gather::default();
    u.connect_all();
    let mut t = Trace::new(INS, OUTS);
    u.reset.next = true;
    tick(&mut u, &mut t);
    u.reset.next = false;
    let mut got: Vec<(Vec<u8>, Vec<u8>, u32)> = Vec::new();
    let mut cur = (Vec::new(), Vec::new(), 0u32);
    let mut i = 0;
    let mut cycles = 0;
    while got.len() < msgs.len() && cycles < 100_000 {
        cycles += 1;
        let p = ps.get(i).filter(|_| rng.gen_bool(0.85));
        let (a, start, alen, b, blen, end, eom, aad, m) = p
            .copied()
            .unwrap_or(([0; 16], 0, 0, [0; 16], 0, false, false, false, 0));
        u.in_valid.next = p.is_some();
        let al = from_bytes(&a);
        let bl = from_bytes(&b);
        for (s, v) in [&mut u.a_d0, &mut u.a_d1, &mut u.a_d2, &mut u.a_d3]
            .into_iter()
            .zip(al)
        {
            s.next = (v as u64).into();
        }
        for (s, v) in [&mut u.b_d0, &mut u.b_d1, &mut u.b_d2, &mut u.b_d3]
            .into_iter()
            .zip(bl)
        {
            s.next = (v as u64).into();
        }
        u.a_start.next = (start as u64).into();
        u.a_len.next = (alen as u64).into();
        u.b_len.next = (blen as u64).into();
        u.in_end.next = end;
        u.in_eom.next = eom;
        u.in_aad.next = aad;
        u.in_m0.next = (m as u64).into();
        u.in_m1.next = (!m as u64).into();
        u.out_ready.next = rng.gen_bool(0.8);
        // Settle with the clock low to see in_ready for these inputs.
        u.clock.next = false.into();
        simulate(&mut u, 50);
        let took = p.is_some() && u.in_ready.val();
        let out_taken = u.out_valid.val() && u.out_ready.next;
        if out_taken {
            let n = u.out_mask.val().index().count_ones() as usize;
            assert_eq!(u.out_mask.val().index() as u16, mask_of(n));
            let d =
                to_bytes([&u.out_d0, &u.out_d1, &u.out_d2, &u.out_d3].map(|x| x.val().to_u32()));
            if u.out_sop.val() {
                assert!(cur.0.is_empty() && cur.1.is_empty(), "sop inside a message");
                cur.2 = u.out_m0.val().to_u32();
            }
            assert_eq!(u.out_m0.val().to_u32(), cur.2, "meta of the message");
            assert_eq!(u.out_m1.val().to_u32(), !cur.2);
            assert!(
                d[n..].iter().all(|&x| x == 0),
                "octets past the mask are zero"
            );
            if u.out_aad.val() {
                assert!(cur.1.is_empty(), "AAD after data");
                cur.0.extend_from_slice(&d[..n]);
            } else {
                cur.1.extend_from_slice(&d[..n]);
            }
            if u.out_eop.val() {
                got.push(std::mem::take(&mut cur));
            }
        }
        tick(&mut u, &mut t);
        if took {
            i += 1;
        }
    }
    assert_eq!(got.len(), msgs.len(), "all messages out in {cycles} cycles");
    for (k, (g, w)) in got.iter().zip(&msgs).enumerate() {
        assert_eq!(g, w, "message {k}");
    }
    // Full-rate check: with output always ready, 16-octet pushes go through one per cycle.
    if !tool_available("iverilog") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("macsec-gather-{}", std::process::id()));
    let v = generate_verilog(&u);
    let r = t.replay_in_icarus(&dir, &v, "top");
    let _ = std::fs::remove_dir_all(&dir);
    r.unwrap();
}
