//! The DMA shell's timing: its read latency is real (a frame cannot reach the engine before its
//! read returns), reads in flight hide it, and the card stays correct however slow the DMA is.

use macsec_driver::conformance::{self as suite, Pair, Score, CONFIG_A, CONFIG_B};
use macsec_hdl::engine::sim::EngineSim;
use macsec_model::Config;
use macsec_testbench::hdl_card::{HdlCard, ShellParams};

fn card(latency: u32, reads: usize) -> impl Fn() -> HdlCard {
    move || {
        HdlCard::new(
            EngineSim::new(),
            ShellParams {
                latency,
                reads,
                ..ShellParams::default()
            },
        )
    }
}

/// Cycles card A spends protecting 128 frames of 1500 octets posted in one batch.
fn tx_cycles(latency: u32, reads: usize) -> u64 {
    let a = Config::from_toml(CONFIG_A).unwrap();
    let b = Config::from_toml(CONFIG_B).unwrap();
    let mut pair = Pair::new(&suite::SimBench(card(latency, reads)), &a, &b, 8).unwrap();
    let frames = vec![vec![0x5Au8; 1500]; 128];
    let refs: Vec<&[u8]> = frames.iter().map(|f| &f[..]).collect();
    let before = pair.a.sim(|c: &mut HdlCard| c.cycles()).unwrap();
    assert_eq!(pair.a.card.post_tx(&refs).unwrap(), 128);
    let mut cpl = Vec::new();
    pair.a.card.reap_tx(&mut cpl).unwrap();
    assert_eq!(cpl.len(), 128);
    assert!(cpl.iter().all(|c| c.transmitted));
    let mut score = Score::default();
    pair.send(&[], &mut score, &mut |f, out| out.push(f))
        .unwrap();
    pair.a.sim(|c: &mut HdlCard| c.cycles()).unwrap() - before
}

#[test]
fn reads_in_flight_hide_the_latency() {
    // 1500 octets are 94 beats: eight reads of 200 cycles keep the engine fed, so the batch
    // costs its beats, one descriptor fetch and one read of latency, and the driver's accesses.
    let fast = tx_cycles(200, 8);
    assert!(fast < 128 * 94 + 1_200, "{fast} cycles for 128 frames");
    // One read at a time: every frame waits for its own round trip.
    let serial = tx_cycles(200, 1);
    assert!(
        serial > 128 * 200,
        "{serial} cycles with one read in flight"
    );
    // Twice the latency with one read costs about 128 × 200 more cycles.
    let slower = tx_cycles(400, 1);
    assert!(slower > serial + 128 * 180, "{serial} → {slower}");
}

#[test]
fn a_slow_dma_changes_the_timing_not_the_result() {
    let s = suite::loopback_matches_golden(&suite::SimBench(card(1500, 2)), 600, 9).unwrap();
    assert_eq!((s.frames_delivered, s.lost()), (600, 0));
}

#[test]
fn a_reset_finishes_without_the_host_polling() {
    // A real card's clock runs between the host's accesses: after CONTROL.RESET and one run of
    // the card, the key wipe is over and the first read sees RESET clear.
    use macsec_model::card::CardModel;
    use macsec_model::regmap::card as c;
    let mut card = card(200, 8)();
    let mut mem = macsec_driver::sim::SimMemory::default();
    for pin in [false, true] {
        if pin {
            card.pin_reset();
        } else {
            card.write32(c::CONTROL.offset, c::CONTROL_RESET.bit());
        }
        let before = card.cycles();
        card.run(&mut mem);
        assert!(
            card.cycles() - before > 64,
            "the wipe takes more than a few cycles"
        );
        let v = card.read32(c::CONTROL.offset);
        assert_eq!(
            c::CONTROL_RESET.get(v),
            0,
            "pin {pin}: CONTROL {v:#x} after a run"
        );
    }
}
