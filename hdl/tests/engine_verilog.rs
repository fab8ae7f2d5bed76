//! The engine's generated Verilog (top `macsec_engine`): Verilator's lint passes, Yosys
//! synthesizes it, and Icarus Verilog running it on a seeded run of both pipelines and the CSR
//! bus prints, cycle for cycle, the same outputs as the rust-hdl simulation. The hand-written
//! Verilog bodies of the engine's leaves are covered by this replay.

mod common;

use macsec_hdl::engine::sim::EngineSim;
use macsec_hdl::verilog::engine_verilog;
use macsec_model::dev::tool_available;
use macsec_model::regmap::counters::window as cw;
use macsec_model::{Backend, Config, FrameBuf};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("macsec-engine-{name}-{}", std::process::id()))
}

/// Every waiver in the exported file sits on one line with its reason beside it.
#[test]
fn every_lint_waiver_is_on_one_line_with_its_reason() {
    let v = engine_verilog();
    let waivers: Vec<&str> = v.lines().filter(|l| l.contains("lint_off")).collect();
    assert!(!waivers.is_empty());
    for l in &waivers {
        let reason = l.rsplit_once("//").map(|(_, r)| r.trim()).unwrap_or("");
        assert!(reason.len() > 10, "a waiver without its reason: {l}");
        assert!(!l.contains("lint_off WIDTH"), "a WIDTH waiver: {l}");
    }
}

/// `verilator --lint-only -Wall`: every warning class, none waived file-wide.
#[test]
fn verilator_lint_passes() {
    if !tool_available("verilator") {
        return;
    }
    let dir = scratch("lint");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("macsec_engine.v"), engine_verilog()).unwrap();
    let out = std::process::Command::new("verilator")
        .current_dir(&dir)
        .args([
            "--lint-only",
            "-Wall",
            "--top-module",
            "macsec_engine",
            "macsec_engine.v",
        ])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Yosys `synth -top macsec_engine`. The whole script maps every table (key RAM, round keys,
/// SA tables) to flip-flops and takes about 20 minutes here, so by default the test runs its
/// coarse part (elaboration, processes, FSMs, memory inference, word-level optimisation: where
/// a construct Yosys cannot synthesize fails); `MACSEC_FULL_SYNTH=1` runs all of it.
#[test]
fn yosys_synthesizes_the_engine() {
    if !tool_available("yosys") {
        return;
    }
    let full = std::env::var_os("MACSEC_FULL_SYNTH").is_some_and(|v| v == "1");
    let script = if full {
        "read_verilog macsec_engine.v; synth -top macsec_engine; stat"
    } else {
        "read_verilog macsec_engine.v; synth -top macsec_engine -run :fine; stat"
    };
    let dir = scratch("yosys");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("macsec_engine.v"), engine_verilog()).unwrap();
    let out = std::process::Command::new("yosys")
        .current_dir(&dir)
        .args(["-q", "-p", script, "-l", "yosys.log"])
        .output()
        .unwrap();
    let log = std::fs::read_to_string(dir.join("yosys.log")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        log.lines().rev().take(20).collect::<Vec<_>>().join("\n")
    );
    assert!(
        log.contains("Number of cells"),
        "no statistics in the Yosys log"
    );
}

#[test]
fn icarus_replay_matches_the_simulation_cycle_for_cycle() {
    // No SCI in the SecTAG: the receiver takes its single SC's SCI (the CAM's only_sci path).
    let toml = "cipher = \"gcm-aes-128\"\nsci = \"0012345678900001\"\nreplay = true\nwindow = 1\nsend_sci = false\n\
                [[tx_sa]]\nan = 0\npn = 5\nkey = \"000102030405060708090a0b0c0d0e0f\"\n\
                [[rx_sc]]\nsci = \"0012345678900001\"\n\
                [[rx_sc.sa]]\nan = 0\npn = 5\nkey = \"000102030405060708090a0b0c0d0e0f\"\n";
    replay_in_icarus(toml, 0xC0FFEE, 24, "icarus");
}

/// An XPN suite with a 256-bit key in Icarus: the key expander's 256-bit schedule, the salted
/// IV, the SSCI, and the RX SA table's XPN recovery across the 2^32 boundary (the PNs start
/// just below it, so the upper half is recovered from the lowest acceptable PN).
#[test]
fn icarus_replays_xpn_256_across_the_2_32_boundary() {
    let key = "E3C08A8F06C6E3AD95A70557B23F75483CE33021A9C72B7025666204C69C0B72";
    let sa = format!(
        "an = 1\npn = 0x1FFFFFFF8\nssci = \"00000002\"\nsalt = \"E630E81A48DE86A21C66FA6D\"\nkey = \"{key}\"\n"
    );
    let toml = format!(
        "cipher = \"gcm-aes-xpn-256\"\nsci = \"0012345678900001\"\nreplay = true\nwindow = 2\nencodingsa = 1\n\
         [[tx_sa]]\n{sa}[[rx_sc]]\nsci = \"0012345678900001\"\n[[rx_sc.sa]]\n{sa}"
    );
    if let Some(top) = replay_in_icarus(&toml, 0x256, 16, "icarus-xpn") {
        assert!(
            top >= 1 << 33,
            "no frame past the boundary: highest PN {top:#x}"
        );
    }
}

/// The ingress input FIFO overflowing, in Icarus: frames offered one beat a cycle whatever
/// `i_in_room` says while the output is held for 300 cycles, so frames are dropped at their
/// start (`i_overrun`) and cut short (status InPktsOverrun); then InPktsOverrun read back. The
/// rust-hdl run checks that both happened and the count; Icarus must print the same outputs.
#[test]
fn icarus_replays_an_input_fifo_overrun() {
    if !tool_available("iverilog") {
        return;
    }
    let toml = "cipher = \"gcm-aes-128\"\nsci = \"0012345678900001\"\n\
                [[tx_sa]]\nan = 0\npn = 1\nkey = \"000102030405060708090a0b0c0d0e0f\"\n\
                [[rx_sc]]\nsci = \"0012345678900001\"\n\
                [[rx_sc.sa]]\nan = 0\npn = 1\nkey = \"000102030405060708090a0b0c0d0e0f\"\n";
    let cfg = Config::from_toml(toml).unwrap();
    let mut tx = cfg.build(Backend::RustCrypto).unwrap();
    let mut sim = EngineSim::traced();
    common::program(&mut sim, &cfg);
    let mut rng = StdRng::seed_from_u64(0x0F10);
    let frames = 60;
    for _ in 0..frames {
        let n = rng.gen_range(20..140);
        let mut b = FrameBuf::with_capacity(n);
        b.set(&(0..n).map(|_| rng.gen()).collect::<Vec<u8>>());
        tx.protect(&mut b);
        sim.send_ingress(&b.to_vec());
    }
    sim.i_flood = true;
    let start = sim.cycles;
    sim.i_hold = Some(Box::new(move |c| c >= start + 300));
    let mut guard = 0;
    while sim.ingress_done() + sim.i_overrun.len() < frames && guard < 5_000 {
        sim.tick();
        guard += 1;
    }
    sim.i_flood = false;
    let out: Vec<_> = std::iter::from_fn(|| sim.ingress_out()).collect();
    let dropped = sim.i_overrun.len();
    let cut = out
        .iter()
        .filter(|o| o.status & 0x1_000F == 0x1_0005)
        .count();
    assert_eq!(out.len() + dropped, frames);
    assert!(dropped > 0 && cut > 0, "dropped {dropped}, cut short {cut}");
    // The counters take the drops in cycles the back leaves free: one a cycle at most.
    for _ in 0..dropped + 8 {
        sim.tick();
    }
    sim.write(cw::SEL.offset, cw::SEL_ID.val(5));
    let lo = sim.read(cw::LO.offset);
    assert_eq!(lo as usize, dropped + cut, "InPktsOverrun");
    let (speed, cycles) = replay(&mut sim, "icarus-overrun");
    eprintln!(
        "{cycles} cycles replayed ({dropped} dropped at their start, {cut} cut short), Icarus at {speed:.0} cycles/s"
    );
}

/// Program `toml`, send `frames` seeded frames each way (every fifth received one damaged)
/// with the outputs held now and then, read the receive counters, and replay every cycle in
/// Icarus: it must print the same outputs. The highest PN the golden model delivered (None
/// when Icarus is missing and the test skips).
fn replay_in_icarus(toml: &str, seed: u64, frames: usize, name: &str) -> Option<u64> {
    if !tool_available("iverilog") {
        return None;
    }
    let cfg = Config::from_toml(toml).unwrap();
    let mut tx = cfg.build(Backend::RustCrypto).unwrap();
    let mut rx = cfg.build(Backend::RustCrypto).unwrap();
    let mut sim = EngineSim::traced();
    common::program(&mut sim, &cfg);
    let mut rng = StdRng::seed_from_u64(seed);
    let (mut delivered, mut top) = (0, 0u64);
    for i in 0..frames {
        let n = rng.gen_range(20..140);
        let f: Vec<u8> = (0..n).map(|_| rng.gen()).collect();
        sim.send_egress(&f);
        let mut b = FrameBuf::with_capacity(n);
        b.set(&f);
        tx.protect(&mut b);
        let mut w = b.to_vec();
        if i % 5 == 3 {
            let k = rng.gen_range(0..w.len());
            w[k] ^= 0x10;
        }
        let mut r = FrameBuf::with_capacity(w.len());
        r.set(&w);
        let res = rx.validate(&mut r);
        if res.delivered() {
            delivered += 1;
            top = top.max(res.pn.unwrap_or(0));
        }
        sim.send_ingress(&w);
    }
    assert!(
        delivered > 0,
        "the golden model delivered none of the frames"
    );
    // Hold the outputs now and then.
    sim.e_hold = Some(Box::new(|c| c % 7 != 3));
    sim.i_hold = Some(Box::new(|c| c % 11 != 5));
    let mut guard = 0;
    while (sim.egress_done() < frames || sim.ingress_done() < frames) && guard < 20_000 {
        sim.tick();
        guard += 1;
    }
    assert_eq!((sim.egress_done(), sim.ingress_done()), (frames, frames));
    // Every SecY-scope counter the receive side keeps.
    for id in (0u32..12).chain([18, 19, 22, 23]) {
        sim.write(cw::SEL.offset, cw::SEL_ID.val(id));
        sim.read(cw::LO.offset);
        sim.read(cw::HI.offset);
    }
    let (speed, cycles) = replay(&mut sim, name);
    eprintln!("{cycles} cycles replayed, Icarus at {speed:.0} cycles/s");
    Some(top)
}

/// The table paths this register map added, in the Verilog: key identifiers written with TX and
/// RX SAs and read back (zeros once the SA is removed), and an exhausted SA's NEXT_PN reading 0.
/// The rust-hdl run checks the values; Icarus must print the same CSR reads cycle for cycle.
#[test]
fn icarus_replays_key_identifiers_and_exhausted_readback() {
    use macsec_model::regmap::tables::{key, rx_sa, rx_sc, tx_sa};
    let iverilog = tool_available("iverilog");
    let mut sim = EngineSim::traced();
    let cfg = Config::from_toml("cipher = \"gcm-aes-128\"\nsci = \"0012345678900001\"\n").unwrap();
    common::program(&mut sim, &cfg);
    let kid_tx = [0x0011_2233, 0x4455_6677, 0x8899_AABB, 0xCCDD_EEFF];
    let kid_rx = [0xDEAD_BEEF, 0x0BAD_F00D, 0x1234_5678, 0x9ABC_DEF0];
    let k = common::key_words(&[7u8; 16]);
    common::table(&mut sim, key::ID, 2, &k);
    common::table(&mut sim, key::ID, 4 + 4 + 1, &k);
    let mut w = vec![
        tx_sa::CTRL_ENABLE.bit()
            | tx_sa::CTRL_VALID.bit()
            | tx_sa::CTRL_CONF.bit()
            | tx_sa::CTRL_KEY.val(2),
        0xFFFF_FFFF,
        0,
        0,
        0,
        0,
        0,
    ];
    w.extend(kid_tx);
    common::table(&mut sim, tx_sa::ID, 2, &w);
    sim.write(macsec_model::regmap::secy::TX_AN.offset, 2);
    common::table(
        &mut sim,
        rx_sc::ID,
        1,
        &[rx_sc::CTRL_VALID.bit() | rx_sc::CTRL_ENABLE.bit(), 5, 0],
    );
    let mut w = vec![
        rx_sa::CTRL_ENABLE.bit() | rx_sa::CTRL_VALID.bit() | rx_sa::CTRL_KEY.val(4 + 4 + 1),
        1,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
    ];
    w.extend(kid_rx);
    common::table(&mut sim, rx_sa::ID, 4 + 1, &w);

    let d = common::read_entry(&mut sim, tx_sa::ID, 2);
    assert_eq!((d[1], d[2]), (0xFFFF_FFFF, 0), "next PN before the frame");
    assert_eq!(&d[7..11], &kid_tx, "TX key identifier");
    let d = common::read_entry(&mut sim, rx_sa::ID, 4 + 1);
    assert_eq!(&d[9..13], &kid_rx, "RX key identifier");
    // The last PN goes: the SA is exhausted and has no next PN.
    sim.send_egress(&[0x5Au8; 80]);
    let mut guard = 0;
    while sim.egress_done() < 1 && guard < 5_000 {
        sim.tick();
        guard += 1;
    }
    assert!(sim.egress_out().is_some());
    let d = common::read_entry(&mut sim, tx_sa::ID, 2);
    assert_eq!(tx_sa::CTRL_EXHAUSTED.get(d[0]), 1, "{:#x}", d[0]);
    assert_eq!((d[1], d[2]), (0, 0), "an exhausted SA's NEXT_PN");
    assert_eq!(&d[7..11], &kid_tx);
    // Removed, the SA reads zeros, key identifier and all.
    common::table(&mut sim, tx_sa::ID, 2, &[0]);
    let d = common::read_entry(&mut sim, tx_sa::ID, 2);
    assert_eq!(d, [0; 16]);
    if !iverilog {
        return;
    }
    replay(&mut sim, "icarus-kid");
}

/// Replay the run `sim` traced in Icarus, which must print the same outputs on every cycle (the
/// scratch directory is kept with `MACSEC_KEEP_REPLAY`): Icarus's speed and the cycles replayed.
fn replay(sim: &mut EngineSim, name: &str) -> (f64, usize) {
    let trace = sim.trace.take().unwrap();
    let dir = scratch(name);
    let r = trace.replay_in_icarus(&dir, &engine_verilog(), "macsec_engine");
    if std::env::var_os("MACSEC_KEEP_REPLAY").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    (r.unwrap(), trace.stim.len())
}

/// Pulse `bits` on the engine's irq_set input for one cycle, then let it settle.
fn raise(sim: &mut EngineSim, bits: u32) {
    sim.set_irq_causes(bits);
    sim.tick();
    sim.set_irq_causes(0);
    for _ in 0..4 {
        sim.tick();
    }
}

/// CARD.IRQ_ARM's rule in the RTL, and the same cycles in Icarus (`irq_msg` is compared cycle
/// for cycle): armed out of reset, a masked cause sends nothing, an unmasked one sends one
/// message and disarms, nothing more while disarmed, a re-arm with the cause pending sends at
/// once, a re-arm with nothing pending stays armed.
#[test]
fn icarus_replays_the_message_re_arm() {
    use macsec_model::regmap::card as c;
    let iverilog = tool_available("iverilog");
    let mut sim = EngineSim::traced();
    let cfg = Config::from_toml("cipher = \"gcm-aes-128\"\nsci = \"0012345678900001\"\n").unwrap();
    common::program(&mut sim, &cfg);
    sim.write(c::IRQ_MASK.offset, c::IRQ_TX_CPL.bit());
    sim.write(c::IRQ_STATUS.offset, u32::MAX);
    assert_eq!(sim.read(c::IRQ_ARM.offset), 1, "armed out of reset");
    let m0 = sim.messages;
    raise(&mut sim, c::IRQ_RX_CPL.bit());
    assert_eq!(sim.messages, m0, "a masked cause sent a message");
    assert_eq!(sim.read(c::IRQ_ARM.offset), 1);
    raise(&mut sim, c::IRQ_TX_CPL.bit());
    assert_eq!(sim.messages, m0 + 1, "one message for the unmasked cause");
    assert_eq!(sim.read(c::IRQ_ARM.offset), 0, "the message disarms");
    raise(&mut sim, c::IRQ_TX_CPL.bit());
    assert_eq!(sim.messages, m0 + 1, "a message while disarmed");
    sim.write(c::IRQ_ARM.offset, 1);
    for _ in 0..4 {
        sim.tick();
    }
    assert_eq!(sim.messages, m0 + 2, "re-armed with the cause pending");
    assert_eq!(sim.read(c::IRQ_ARM.offset), 0);
    sim.write(c::IRQ_STATUS.offset, u32::MAX);
    sim.write(c::IRQ_ARM.offset, 1);
    for _ in 0..4 {
        sim.tick();
    }
    assert_eq!(sim.messages, m0 + 2, "re-armed with nothing pending");
    assert_eq!(sim.read(c::IRQ_ARM.offset), 1);
    // Each cause alone, unmasked alone: the line rises and one message goes (the Verilog once
    // looked at bit 0 only).
    for (k, f) in c::IRQ_FIELDS.iter().enumerate() {
        sim.write(c::IRQ_MASK.offset, f.bit());
        sim.write(c::IRQ_STATUS.offset, u32::MAX);
        sim.write(c::IRQ_ARM.offset, 1);
        assert!(
            !sim.irq(),
            "{}: the line is high with nothing pending",
            f.name
        );
        raise(&mut sim, f.bit());
        assert!(sim.irq(), "{}: no interrupt", f.name);
        assert_eq!(sim.messages, m0 + 3 + k as u64, "{}: no message", f.name);
    }
    sim.write(c::IRQ_STATUS.offset, u32::MAX);
    if !iverilog {
        return;
    }
    replay(&mut sim, "icarus-arm");
}
