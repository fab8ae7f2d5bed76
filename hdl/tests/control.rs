//! The engine's control plane against the behavioral card, register for register: random
//! register writes and TABLES operations (keys, SAs, SCs, good and bad) and interrupt causes
//! raised by the card around the engine go to both; every read must return the same value, and
//! after every operation the interrupt line and the MSI-X messages sent must agree.

use macsec_hdl::engine::bus::ControlSim;
use macsec_hdl::engine::params::{KEY_SLOTS, RX_SCS};
use macsec_model::card::{BehavioralCard, CardCaps, CardModel};
use macsec_model::regmap::counters::window as cw;
use macsec_model::regmap::tables::{key, rx_sa, rx_sc, tx_sa, window as tw};
use macsec_model::regmap::{card as c, secy as s, BLOCKS};
use macsec_model::Backend;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

struct Pair {
    hdl: ControlSim,
    model: BehavioralCard,
    log: Vec<String>,
    /// MSI-X messages the model sent.
    messages: u64,
}

impl Pair {
    /// The interrupt line and the messages so far, after the engine's registered message (a
    /// cycle behind the cause, the mask or the re-arm that sends it) has had its cycles.
    fn check_irq(&mut self) {
        for _ in 0..2 {
            self.hdl.tick();
        }
        self.messages += self.model.take_message() as u64;
        let (a, b) = (self.hdl.irq(), self.model.irq());
        let tail = || self.log[self.log.len().saturating_sub(12)..].join("\n");
        assert_eq!(
            a,
            b,
            "interrupt line: RTL {a}, model {b}; after\n{}",
            tail()
        );
        assert_eq!(
            self.hdl.messages,
            self.messages,
            "MSI-X messages: RTL {}, model {}; after\n{}",
            self.hdl.messages,
            self.messages,
            tail()
        );
    }

    fn raise(&mut self, causes: u32) {
        self.log.push(format!("raise {causes:08x}"));
        self.hdl.raise(causes);
        self.model.raise_causes(causes);
    }

    fn write(&mut self, off: u32, v: u32) {
        self.log.push(format!("W {off:03x} {v:08x}"));
        self.hdl.write(off, v);
        self.model.write32(off, v);
        if off == tw::CMD.offset {
            // The RTL takes cycles (a key install much more); the model is done at once.
            let mut n = 0;
            while self.hdl.read(tw::STATUS.offset) & tw::STATUS_BUSY.mask() != 0 {
                n += 1;
                assert!(n < 200, "window stuck busy");
            }
        }
    }

    fn check(&mut self, off: u32) {
        let a = self.hdl.read(off);
        let b = self.model.read32(off);
        if off == c::CAPS2.offset {
            return; // The RTL reports its clock, the transaction-level model 0.
        }
        assert_eq!(
            a,
            b,
            "read {off:03x}: RTL {a:08x}, model {b:08x}; after\n{}",
            self.log[self.log.len().saturating_sub(12)..].join("\n")
        );
    }
}

fn engine_registers() -> Vec<u32> {
    let mut v: Vec<u32> = BLOCKS
        .iter()
        .filter(|b| b.base < 0x400)
        .flat_map(|b| b.registers.iter().map(|r| r.offset))
        .collect();
    // Ring blocks: only their headers belong to the engine.
    v.extend(
        BLOCKS
            .iter()
            .filter(|b| b.base >= 0x400)
            .flat_map(|b| [b.base, b.base + 4, b.base + 8]),
    );
    v
}

fn table_op(p: &mut Pair, rng: &mut StdRng, suite_256: bool) {
    let scis = [
        0x0011_2233_4455_0001u64,
        0x0011_2233_4455_0002,
        0xAABB_CCDD_EEFF_0007,
    ];
    let ids = [key::ID, tx_sa::ID, rx_sc::ID, rx_sa::ID];
    let table = if rng.gen_bool(0.04) {
        [0, 5, 15][rng.gen_range(0..3)]
    } else {
        ids[rng.gen_range(0..4)]
    };
    let write = rng.gen_bool(0.75);
    let mut d = [0u32; 16];
    let index: u32 = match table {
        key::ID => {
            let n = if rng.gen_bool(0.8) == suite_256 { 8 } else { 4 };
            for w in d.iter_mut().take(n) {
                *w = rng.gen();
            }
            d[8] = key::LEN_256.val((n == 8) as u32) | key::LEN_VALID.val(rng.gen_bool(0.9) as u32);
            rng.gen_range(0..10) + if rng.gen_bool(0.05) { 125 } else { 0 }
        }
        tx_sa::ID => {
            let pn: u64 = match rng.gen_range(0..5) {
                0 => 0,
                1 => u32::MAX as u64 + rng.gen_range(0..2),
                _ => rng.gen_range(1..1000),
            };
            d[0] = tx_sa::CTRL_ENABLE.val(rng.gen::<bool>() as u32)
                | tx_sa::CTRL_CONF.val(rng.gen::<bool>() as u32)
                | tx_sa::CTRL_VALID.val(rng.gen_bool(0.85) as u32)
                | tx_sa::CTRL_ENABLE_ONLY.val(rng.gen_bool(0.1) as u32)
                | tx_sa::CTRL_KEY
                    .val(rng.gen_range(0..10) + if rng.gen_bool(0.05) { 200 } else { 0 });
            d[1] = pn as u32;
            d[2] = (pn >> 32) as u32;
            // SSCI, salt and the key identifier.
            let kid = tx_sa::KEY_ID_WORD as usize;
            for w in &mut d[3..kid + 4] {
                *w = rng.gen();
            }
            rng.gen_range(0..5)
        }
        rx_sc::ID => {
            d[0] = rx_sc::CTRL_VALID.val(rng.gen_bool(0.8) as u32)
                | rx_sc::CTRL_ENABLE.val(rng.gen::<bool>() as u32);
            let sci = scis[rng.gen_range(0..3)];
            d[1] = sci as u32;
            d[2] = (sci >> 32) as u32;
            rng.gen_range(0..18)
        }
        rx_sa::ID => {
            let pn: u64 = match rng.gen_range(0..6) {
                0 => 0,
                1 => u32::MAX as u64 + rng.gen_range(0..2),
                _ => rng.gen_range(1..1000),
            };
            let low: u64 = if rng.gen_bool(0.5) {
                0
            } else {
                rng.gen_range(0..1200)
            };
            d[0] = rx_sa::CTRL_ENABLE.val(rng.gen::<bool>() as u32)
                | rx_sa::CTRL_VALID.val(rng.gen_bool(0.85) as u32)
                | rx_sa::CTRL_ENABLE_ONLY.val(rng.gen_bool(0.1) as u32)
                | rx_sa::CTRL_UPDATE_PN.val(rng.gen_bool(0.1) as u32)
                | rx_sa::CTRL_KEY.val(rng.gen_range(0..10));
            d[1] = pn as u32;
            d[2] = (pn >> 32) as u32;
            d[3] = low as u32;
            d[4] = (low >> 32) as u32;
            let kid = rx_sa::KEY_ID_WORD as usize;
            for w in &mut d[5..kid + 4] {
                *w = rng.gen();
            }
            rng.gen_range(0..12) + if rng.gen_bool(0.05) { 60 } else { 0 }
        }
        _ => rng.gen_range(0..4),
    };
    if write {
        for (i, w) in d.iter().enumerate() {
            if *w != 0 || rng.gen_bool(0.3) {
                p.write(tw::DATA0_OFFSET + 4 * i as u32, *w);
            }
        }
    }
    let cmd = tw::CMD_TABLE.val(table) | tw::CMD_WRITE.val(write as u32) | tw::CMD_INDEX.val(index);
    p.write(tw::CMD.offset, cmd);
    p.check(tw::STATUS.offset);
    let st = p.model.read32(tw::STATUS.offset);
    p.log.push(format!("S {st:08x}"));
    p.check(tw::CMD.offset);
    for i in 0..tw::DATA_WORDS {
        p.check(tw::DATA0_OFFSET + 4 * i);
    }
}

#[test]
fn control_plane_matches_the_behavioral_card() {
    let mut rng = StdRng::seed_from_u64(0x5EC7);
    let mut p = Pair {
        hdl: ControlSim::new(),
        // The behavioral card sized as the engine (its second parameter set too).
        model: BehavioralCard::new(
            CardCaps {
                rx_scs: RX_SCS as u16,
                keys: KEY_SLOTS as u16,
                ..CardCaps::default()
            },
            Backend::RustCrypto,
        ),
        log: Vec::new(),
        messages: 0,
    };
    p.model.write32(c::CONTROL.offset, c::CONTROL_RESET.bit());
    // The RTL's reset overwrites every key (one slot per cycle) with RESET reading 1 meanwhile;
    // the driver polls for it to clear, as here.
    let reset = |p: &mut Pair| p.hdl.read(c::CONTROL.offset) & c::CONTROL_RESET.mask() != 0;
    assert!(
        reset(&mut p),
        "RESET reads 0 while the keys are being wiped"
    );
    let mut n = 0;
    while reset(&mut p) {
        n += 1;
        assert!(n < 300, "RESET still 1 after {n} reads");
    }
    assert!(
        n > KEY_SLOTS / 2,
        "the wipe took {n} reads (one slot a cycle: about {KEY_SLOTS})"
    );
    let regs = engine_registers();
    for r in &regs {
        p.check(*r);
    }
    let writable = [
        c::CONTROL.offset,
        c::IRQ_STATUS.offset,
        c::IRQ_MASK.offset,
        c::IRQ_ARM.offset,
        c::SCRATCH.offset,
        s::CTRL.offset,
        s::REPLAY_WINDOW.offset,
        s::TX_SCI_LO.offset,
        s::TX_SCI_HI.offset,
        s::PN_THRESHOLD_LO.offset,
        s::PN_THRESHOLD_HI.offset,
        s::MAX_FRAME_LEN.offset,
        s::TX_AN.offset,
        s::TX_SA_THRESHOLD.offset,
        s::TX_SA_EXHAUSTED.offset,
        cw::SEL.offset,
    ];
    let mut suite_256 = false;
    let (mut raised, mut lines) = (0, 0);
    for _ in 0..3000 {
        match rng.gen_range(0..11) {
            0..=4 => table_op(&mut p, &mut rng, suite_256),
            10 => {
                // One cause or a few, of those the card around the engine raises.
                let mut causes = 0;
                while causes == 0 {
                    causes = rng.gen::<u32>() & rng.gen::<u32>() & c::IRQ_ALL;
                }
                p.raise(causes);
                raised += 1;
            }
            5 | 6 => {
                let off = writable[rng.gen_range(0..writable.len())];
                let mut v: u32 = rng.gen();
                if off == c::CONTROL.offset && rng.gen_bool(0.9) {
                    v &= !c::CONTROL_RESET.mask();
                }
                if off == s::CTRL.offset {
                    // Mostly legal offsets, mostly the same suite.
                    let off_v = [0, 30, 50, 0, rng.gen_range(0..64)][rng.gen_range(0..5)];
                    v = s::CTRL_OFFSET.set(v, off_v);
                    if rng.gen_bool(0.8) {
                        v = s::CTRL_SUITE.set(v, suite_256 as u32);
                    }
                }
                p.write(off, v);
                if off == s::CTRL.offset {
                    suite_256 = p.model.read32(s::CTRL.offset) & 1 << 8 != 0;
                }
            }
            7 => {
                let scope = rng.gen_range(0..6);
                let sel = cw::SEL_SCOPE.val(scope)
                    | cw::SEL_INDEX.val(rng.gen_range(0..70))
                    | cw::SEL_ID.val(rng.gen_range(0..26));
                p.write(cw::SEL.offset, sel);
                p.check(cw::LO.offset);
                p.check(cw::HI.offset);
            }
            _ => {
                let r = regs[rng.gen_range(0..regs.len())];
                if r != cw::LO.offset {
                    p.check(r);
                }
            }
        }
        p.check_irq();
        lines += p.hdl.irq() as u32;
    }
    for r in &regs {
        p.check(*r);
    }
    // The run exercised the window: successes, refusals of every kind, and key installs.
    let st: Vec<&String> = p.log.iter().filter(|l| l.starts_with("S ")).collect();
    let ok = st.iter().filter(|l| l.ends_with("00000000")).count();
    eprintln!(
        "{} window operations, {ok} accepted, {} RTL cycles",
        st.len(),
        p.hdl.cycles
    );
    for code in 1..=7u32 {
        let n = st
            .iter()
            .filter(|l| {
                l.ends_with(&format!(
                    "{:08x}",
                    tw::STATUS_ERROR.bit() | tw::STATUS_CODE.val(code)
                ))
            })
            .count();
        eprintln!("  code {code}: {n}");
        assert!(n > 0, "no refusal with code {code}");
    }
    assert!(ok > 300);
    // The interrupt comparisons meant something: causes raised, the line seen high, messages.
    eprintln!(
        "{raised} causes raised, line high after {lines} operations, {} messages",
        p.messages
    );
    assert!(raised > 100 && lines > 100 && p.messages > 5);
}
