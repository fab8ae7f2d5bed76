//! The receive SA table against a plain reference (the SA state as 802.1AE keeps it, each
//! operation applied in order): random window operations, lookups, starts and commits on a few
//! SAs, so that a commit and the window meet on one SA in one cycle, a read follows a write of
//! the last edge, and descriptors change under the end port. Every output the table defines is
//! checked every cycle; then the run is replayed in Icarus, so the Verilog body is held to the
//! same trace.

use macsec_hdl::engine::rx_sa::{recover, RxSaTable};
use macsec_hdl::replay::{port, Port, Trace};
use macsec_model::dev::tool_available;
use macsec_model::regmap::tables::rx_sa as t;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rust_hdl::prelude::*;

const INS: &[&str] = &[
    "clear",
    "suite_xpn",
    "window",
    "c_install",
    "c_enable_only",
    "c_update_pn",
    "c_remove",
    "c_remove_sc",
    "c_index",
    "c_sc",
    "c_d0",
    "c_d1",
    "c_d2",
    "c_d3",
    "c_d4",
    "c_d5",
    "c_d6",
    "c_d7",
    "c_d8",
    "r_next",
    "l_slot",
    "l_an",
    "l_pn32",
    "l_sci_lo",
    "l_sci_hi",
    "l_take",
    "l_start",
    "e_slot",
    "e_an",
    "e_pn_lo",
    "e_pn_hi",
    "e_commit",
    "e_valid",
];
const OUTS: &[&str] = &[
    "c_pn_bad", "r_d0", "r_d1", "r_d2", "r_d3", "r_d4", "r_d5", "r_d6", "r_d7", "r_d8", "l_key",
    "l_valid", "l_enable", "l_pn_lo", "l_pn_hi", "l_hazard", "l_iv0", "l_iv1", "l_iv2", "e_below",
    "e_ready",
];

fn width(name: &str) -> usize {
    match name {
        "c_index" | "r_next" => 6,
        "l_slot" | "e_slot" | "c_sc" => 4,
        "l_an" | "e_an" => 2,
        "l_key" => 7,
        n if n.starts_with("c_d") || n.starts_with("r_d") || n.contains("pn") => 32,
        n if n.contains("sci") || n.contains("iv") || n == "window" => 32,
        _ => 1,
    }
}

fn ports(names: &[&'static str]) -> Vec<Port> {
    names.iter().map(|n| port(n, width(n))).collect()
}

/// The inputs as the edge samples them, and the outputs, in the orders above.
fn ins(u: &RxSaTable) -> Vec<u64> {
    let b = |s: &Signal<In, Bit>| s.next as u64;
    let w = |s: &Signal<In, Bits<32>>| s.next.to_u32() as u64;
    vec![
        b(&u.clear),
        b(&u.suite_xpn),
        w(&u.window),
        b(&u.c_install),
        b(&u.c_enable_only),
        b(&u.c_update_pn),
        b(&u.c_remove),
        b(&u.c_remove_sc),
        u.c_index.next.index() as u64,
        u.c_sc.next.index() as u64,
        w(&u.c_d0),
        w(&u.c_d1),
        w(&u.c_d2),
        w(&u.c_d3),
        w(&u.c_d4),
        w(&u.c_d5),
        w(&u.c_d6),
        w(&u.c_d7),
        w(&u.c_d8),
        u.r_next.next.index() as u64,
        u.l_slot.next.index() as u64,
        u.l_an.next.index() as u64,
        w(&u.l_pn32),
        w(&u.l_sci_lo),
        w(&u.l_sci_hi),
        b(&u.l_take),
        b(&u.l_start),
        u.e_slot.next.index() as u64,
        u.e_an.next.index() as u64,
        w(&u.e_pn_lo),
        w(&u.e_pn_hi),
        b(&u.e_commit),
        b(&u.e_valid),
    ]
}

fn outs(u: &RxSaTable) -> Vec<u64> {
    let w = |s: &Signal<Out, Bits<32>>| s.val().to_u32() as u64;
    vec![
        u.c_pn_bad.val() as u64,
        w(&u.r_d0),
        w(&u.r_d1),
        w(&u.r_d2),
        w(&u.r_d3),
        w(&u.r_d4),
        w(&u.r_d5),
        w(&u.r_d6),
        w(&u.r_d7),
        w(&u.r_d8),
        u.l_key.val().index() as u64,
        u.l_valid.val() as u64,
        u.l_enable.val() as u64,
        w(&u.l_pn_lo),
        w(&u.l_pn_hi),
        u.l_hazard.val() as u64,
        w(&u.l_iv0),
        w(&u.l_iv1),
        w(&u.l_iv2),
        u.e_below.val() as u64,
        u.e_ready.val() as u64,
    ]
}

/// The lookup's answer, two register stages after its inputs (the SA's state read when they
/// were given).
#[derive(Clone, Copy, Default)]
struct Look {
    li: usize,
    valid: bool,
    enable: bool,
    pn: u64,
    hazard: bool,
}

/// The reference: one SA as 802.1AE keeps it, and the frames in flight on it.
#[derive(Clone, Copy, Default)]
struct Sa {
    valid: bool,
    enable: bool,
    key: u32,
    next: u64,
    lowest: u64,
    ssci: u32,
    salt: [u32; 3],
    infl: u8,
    spec: u64,
}

fn set<const N: usize>(s: &mut Signal<In, Bits<N>>, v: u64) {
    s.next = v.into();
}

#[test]
fn the_rx_sa_table_keeps_the_state_802_1ae_gives() {
    let mut rng = StdRng::seed_from_u64(14);
    let mut u = RxSaTable::new();
    u.connect_all();
    let mut tr = Trace::new(&ports(INS), &ports(OUTS));
    let mut sas = [Sa::default(); 64];
    let xpn = true;
    let window = 3u64;
    let (mut prev_e, mut prev_r, mut iv) = (0usize, 0usize, None::<[u32; 3]>);
    // The PN at the back at the last edge, if no clear came with it: a commit's sums are
    // registered from it, so the back commits only while its descriptor stays (as the
    // ingress back does).
    let mut prev_epn = None::<u64>;
    // The PNs in the DATA words at the last edge, if no clear came with it: an install's
    // lowest PN is registered from them (in the engine, the key expansion runs between the
    // words' write and the install).
    let mut prev_c = None::<(u64, u64)>;
    // The lookup's two stages: the answer the outputs show now, and the next one.
    let mut pipe = [Look::default(); 2];
    let mut checked = [0usize; 5];
    for cycle in 0..8000 {
        // A few SAs (slots 0-1) so that the ports meet; PNs around 2^31 and 2^32 for XPN.
        let pick = |rng: &mut StdRng| rng.gen_range(0..8usize);
        let pn = |rng: &mut StdRng| {
            let base = [0x7FFF_FFF0u64, 0xFFFF_FFF0, 0x1_7FFF_FFF0][rng.gen_range(0..3)];
            base + rng.gen_range(0..40)
        };
        let clear = cycle == 0 || rng.gen_bool(0.002);
        u.clear.next = clear;
        u.suite_xpn.next = xpn;
        set(&mut u.window, window);
        let (li, ci, rn) = (pick(&mut rng), pick(&mut rng), pick(&mut rng));
        // The descriptor at the back stays for a few cycles, as a frame's does.
        let ei = if rng.gen_bool(0.7) {
            prev_e
        } else {
            pick(&mut rng)
        };
        let mut op = if rng.gen_bool(0.3) {
            rng.gen_range(0..5)
        } else {
            5
        };
        if op == 0 && prev_c.is_none() {
            op = 5;
        }
        // A PN update reads the SA where port B read at the last edge (the window's index
        // stays put from the command's write to its execution).
        let ci = if op == 2 { prev_r } else { ci };
        u.c_install.next = op == 0;
        u.c_enable_only.next = op == 1;
        u.c_update_pn.next = op == 2;
        u.c_remove.next = op == 3;
        u.c_remove_sc.next = op == 4;
        set(&mut u.c_index, ci as u64);
        // A remove of an SC names its slot (the SAs of SA `ci`'s SC).
        u.c_sc.next = ((ci / 4) as u64).into();
        let d0 =
            t::CTRL_ENABLE.val(rng.gen_bool(0.8) as u32) | t::CTRL_KEY.val(rng.gen_range(0..128));
        let (cnext, clow) = match prev_c {
            Some(c) if op == 0 || rng.gen_bool(0.5) => c,
            _ => (
                pn(&mut rng),
                if rng.gen_bool(0.5) { 0 } else { pn(&mut rng) },
            ),
        };
        let words = [
            d0,
            cnext as u32,
            (cnext >> 32) as u32,
            clow as u32,
            (clow >> 32) as u32,
            rng.gen(),
            rng.gen(),
            rng.gen(),
            rng.gen(),
        ];
        for (s, w) in [
            &mut u.c_d0,
            &mut u.c_d1,
            &mut u.c_d2,
            &mut u.c_d3,
            &mut u.c_d4,
            &mut u.c_d5,
            &mut u.c_d6,
            &mut u.c_d7,
            &mut u.c_d8,
        ]
        .into_iter()
        .zip(words)
        {
            set(s, w as u64);
        }
        set(&mut u.r_next, rn as u64);
        set(&mut u.l_slot, (li / 4) as u64);
        set(&mut u.l_an, (li % 4) as u64);
        let p32: u32 = rng.gen();
        set(&mut u.l_pn32, p32 as u64);
        set(&mut u.l_sci_lo, rng.gen::<u32>() as u64);
        set(&mut u.l_sci_hi, rng.gen::<u32>() as u64);
        let start = rng.gen_bool(0.3);
        u.l_start.next = start;
        u.l_take.next = start && rng.gen_bool(0.7);
        set(&mut u.e_slot, (ei / 4) as u64);
        set(&mut u.e_an, (ei % 4) as u64);
        let epn = match prev_epn {
            Some(p) if ei == prev_e && rng.gen_bool(0.85) => p,
            _ if rng.gen_bool(0.6) => sas[ei].next.saturating_add(rng.gen_range(0..3)),
            _ => pn(&mut rng),
        };
        set(&mut u.e_pn_lo, epn & 0xFFFF_FFFF);
        set(&mut u.e_pn_hi, epn >> 32);
        u.e_valid.next = rng.gen_bool(0.7);
        // The back commits only when the table has read its SA (e_ready).
        u.e_commit.next = false;
        u.clock.next = false.into();
        simulate(&mut u, 50);
        let ready = u.e_ready.val();
        assert_eq!(ready, ei == prev_e, "cycle {cycle}: e_ready");
        let held = ready && prev_epn == Some(epn);
        u.e_commit.next = held && rng.gen_bool(0.5) && !clear;
        simulate(&mut u, 50);
        // The outputs before the edge: the lookup's answer for the inputs of two cycles ago.
        let d = pipe[0];
        assert_eq!(u.l_key.val().index(), d.li, "cycle {cycle}: l_key");
        assert_eq!(u.l_valid.val(), d.valid, "cycle {cycle}: l_valid");
        assert_eq!(u.l_enable.val(), d.enable, "cycle {cycle}: l_enable");
        assert_eq!(u.l_pn_lo.val().to_u32(), d.pn as u32, "cycle {cycle}: l_pn");
        assert_eq!(
            u.l_pn_hi.val().to_u32(),
            (d.pn >> 32) as u32,
            "cycle {cycle}: l_pn"
        );
        assert_eq!(u.l_hazard.val(), d.hazard, "cycle {cycle}: l_hazard");
        // This cycle's read, against the reference state now.
        let s = sas[li];
        let low = if s.valid { s.lowest } else { 0 };
        let lpn = recover(p32, low);
        let look = Look {
            li,
            valid: s.valid,
            enable: s.valid && s.enable,
            pn: lpn,
            hazard: s.infl > 0 && recover(p32, low.max(s.spec)) != lpn,
        };
        // A start or a take acts on the SA of the answer shown now.
        let sd = sas[d.li];
        if let Some(w) = iv {
            let got = [&u.l_iv0, &u.l_iv1, &u.l_iv2].map(|x| x.val().to_u32());
            assert_eq!(got, w, "cycle {cycle}: the IV of the last start");
            checked[0] += 1;
        }
        if ready {
            let e = sas[ei];
            assert_eq!(
                u.e_below.val(),
                e.valid && epn < e.lowest,
                "cycle {cycle}: e_below"
            );
            checked[1] += 1;
        }
        if cycle > 0 {
            let r = sas[prev_r];
            let want = if r.valid {
                [
                    t::CTRL_ENABLE.val(r.enable as u32) | t::CTRL_VALID.bit() | r.key,
                    r.next as u32,
                    (r.next >> 32) as u32,
                    r.lowest as u32,
                    (r.lowest >> 32) as u32,
                    r.ssci,
                    r.salt[0],
                    r.salt[1],
                    r.salt[2],
                ]
            } else {
                [0; 9]
            };
            let got = [
                &u.r_d0, &u.r_d1, &u.r_d2, &u.r_d3, &u.r_d4, &u.r_d5, &u.r_d6, &u.r_d7, &u.r_d8,
            ]
            .map(|x| x.val().to_u32());
            assert_eq!(got, want, "cycle {cycle}: the words of SA {prev_r}");
            checked[2] += 1;
        }
        // The reference, one operation after the other: the commit, the lookup's frame, then
        // the window.
        let commit = u.e_commit.next;
        if commit && (op == 0 || op == 2) && ci == ei {
            checked[4] += 1;
        }
        if clear {
            sas = [Sa::default(); 64];
        } else {
            let e = &mut sas[ei];
            if commit {
                if u.e_valid.next && e.valid && epn >= e.next {
                    e.next = epn + 1;
                    e.lowest = e.lowest.max(e.next.saturating_sub(window));
                    checked[3] += 1;
                }
                e.infl = e.infl.saturating_sub(1);
                if e.infl == 0 {
                    e.spec = 0;
                }
            }
            if u.l_take.next {
                let l = &mut sas[d.li];
                l.infl = l.infl.saturating_add(1);
                l.spec = l.spec.max((d.pn + 1).saturating_sub(window));
            }
            let c = &mut sas[ci];
            match op {
                0 => {
                    *c = Sa {
                        valid: true,
                        enable: t::CTRL_ENABLE.get(d0) != 0,
                        key: t::CTRL_KEY.val(t::CTRL_KEY.get(d0)),
                        next: cnext,
                        lowest: if clow != 0 {
                            clow
                        } else {
                            cnext.saturating_sub(window).max(1)
                        },
                        ssci: words[5],
                        salt: [words[6], words[7], words[8]],
                        ..*c
                    }
                }
                1 => c.enable = c.valid && t::CTRL_ENABLE.get(d0) != 0,
                2 if c.valid => {
                    c.next = c.next.max(cnext);
                    c.lowest = c.lowest.max(clow);
                }
                3 => (c.valid, c.enable) = (false, false),
                4 => (ci & !3..(ci & !3) + 4)
                    .for_each(|i| (sas[i].valid, sas[i].enable) = (false, false)),
                _ => {}
            }
        }
        iv = match (clear, start) {
            (true, _) => Some([0; 3]),
            (false, true) => Some(if d.valid {
                [
                    sd.salt[0] ^ sd.ssci,
                    sd.salt[1] ^ (d.pn >> 32) as u32,
                    sd.salt[2] ^ d.pn as u32,
                ]
            } else {
                [0, (d.pn >> 32) as u32, d.pn as u32]
            }),
            (false, false) => iv,
        };
        pipe = if clear {
            [Look::default(); 2]
        } else {
            [pipe[1], look]
        };
        let i = ins(&u);
        u.clock.next = true.into();
        simulate(&mut u, 50);
        tr.record(&i, &outs(&u));
        // The window's words after a write show the written SA, not r_next.
        prev_r = if op == 0 || (op == 2 && !clear && sas[ci].valid) {
            ci
        } else {
            rn
        };
        prev_e = if clear { 0 } else { ei };
        prev_epn = if clear { None } else { Some(epn) };
        prev_c = if clear { None } else { Some((cnext, clow)) };
        if clear {
            prev_r = 0;
        }
    }
    eprintln!(
        "checked: {checked:?} (IVs, e_below, SA words, commits that raised nextPN, commits \
         meeting an install or a PN update)"
    );
    assert!(
        checked[..3].iter().all(|&n| n > 300) && checked[3] > 100 && checked[4] > 20,
        "{checked:?}"
    );
    if !tool_available("iverilog") {
        assert!(
            std::env::var("MACSEC_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "iverilog is missing"
        );
        eprintln!("skipped the Icarus replay: iverilog is not installed");
        return;
    }
    let dir = std::env::temp_dir().join(format!("macsec-rx-sa-{}", std::process::id()));
    let r = tr.replay_in_icarus(&dir, &generate_verilog(&u), "top");
    let _ = std::fs::remove_dir_all(&dir);
    r.unwrap();
}
