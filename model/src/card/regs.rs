//! Register decode of the CARD, SECY and COUNTERS blocks; the TABLES window and the rings have
//! their own files.

use crate::regmap::counters::window as cw;
use crate::regmap::rings;
use crate::regmap::tables::window as tw;
use crate::regmap::{card as c, secy as s};
use crate::regmap::{Scope, BLOCKS};
use crate::sci::Sci;
use crate::secy::{RxCounter, SecYControls, TxCounter};

use super::counters::counter_value;
use super::BehavioralCard;

impl BehavioralCard {
    pub(super) fn reg_read(&mut self, off: u32) -> u32 {
        // Block headers first: TYPE/VERSION/NEXT of every block.
        for b in BLOCKS {
            if off >= b.base && off < b.base + 0xC {
                return b.registers[((off - b.base) / 4) as usize].reset;
            }
        }
        let ctl = self.secy.controls();
        match off {
            x if x == c::ID.offset => c::ID_VALUE,
            x if x == c::MAP_VERSION_REG.offset => c::MAP_VERSION,
            x if x == c::CAPS0.offset => self.caps_regs()[0],
            x if x == c::CAPS1.offset => self.caps_regs()[1],
            x if x == c::CAPS2.offset => self.caps_regs()[2],
            x if x == c::CONTROL.offset => c::CONTROL_ENABLE.val(self.enabled as u32),
            x if x == c::IRQ_STATUS.offset => self.irq_status,
            x if x == c::IRQ_MASK.offset => self.irq_mask,
            x if x == c::IRQ_ARM.offset => c::IRQ_ARM_ARMED.val(self.irq_armed as u32),
            x if x == c::SCRATCH.offset => self.scratch,
            x if x == s::CTRL.offset => self.secy_ctrl,
            x if x == s::REPLAY_WINDOW.offset => ctl.replay_window,
            x if x == s::TX_SCI_LO.offset => self.secy.tx_sc().sci.0 as u32,
            x if x == s::TX_SCI_HI.offset => (self.secy.tx_sc().sci.0 >> 32) as u32,
            x if x == s::PN_THRESHOLD_LO.offset => ctl.pn_threshold as u32,
            x if x == s::PN_THRESHOLD_HI.offset => (ctl.pn_threshold >> 32) as u32,
            x if x == s::MAX_FRAME_LEN.offset => ctl.max_frame_len.unwrap_or(0) as u32,
            x if x == s::TX_AN.offset => {
                s::TX_AN_ENCODING.set(self.tx_an, self.secy.tx_sc().encoding_sa as u32)
            }
            x if x == s::TX_SA_THRESHOLD.offset => self.tx_sa_threshold,
            x if x == s::TX_SA_EXHAUSTED.offset => self.tx_sa_exhausted,
            x if x == tw::CMD.offset => self.win_cmd,
            x if x == tw::STATUS.offset => self.win_status,
            // Data words read back only after a read operation: written keys never do.
            x if (tw::DATA0_OFFSET..tw::DATA0_OFFSET + 64).contains(&x) && self.win_readable => {
                self.win_data[((x - tw::DATA0_OFFSET) / 4) as usize]
            }
            x if x == cw::SEL.offset => self.cnt_sel,
            x if x == cw::LO.offset => {
                let sel = self.cnt_sel;
                let slots = &self.rx_sc;
                self.cnt_latch = counter_value(
                    &self.secy,
                    Scope::from_code(cw::SEL_SCOPE.get(sel)),
                    cw::SEL_INDEX.get(sel) as usize,
                    cw::SEL_ID.get(sel),
                    &|i| slots.get(i).copied().flatten().map(|s| s.sci),
                )
                .unwrap_or(0);
                self.cnt_latch as u32
            }
            x if x == cw::HI.offset => (self.cnt_latch >> 32) as u32,
            x if (rings::tx::BASE..rings::tx::BASE + 0x100).contains(&x) => {
                self.tx.read(x - rings::tx::BASE)
            }
            x if (rings::rx::BASE..rings::rx::BASE + 0x100).contains(&x) => {
                self.rx.read(x - rings::rx::BASE)
            }
            _ => 0,
        }
    }

    pub(super) fn reg_write(&mut self, off: u32, v: u32) {
        match off {
            x if x == c::CONTROL.offset => {
                if c::CONTROL_RESET.get(v) != 0 {
                    self.reset();
                }
                self.enabled = c::CONTROL_ENABLE.get(v) != 0;
            }
            x if x == c::IRQ_STATUS.offset => self.irq_status &= !v,
            x if x == c::IRQ_MASK.offset => {
                self.irq_mask = v & c::IRQ_ALL;
                self.fire();
            }
            x if x == c::IRQ_ARM.offset && c::IRQ_ARM_ARMED.get(v) != 0 => {
                self.irq_armed = true;
                self.fire();
            }
            x if x == c::SCRATCH.offset => self.scratch = v,
            x if x == s::CTRL.offset => self.write_secy_ctrl(v),
            x if x == s::REPLAY_WINDOW.offset => self.update(|c| c.replay_window = v),
            x if x == s::TX_SCI_LO.offset || x == s::TX_SCI_HI.offset => {
                let old = self.secy.tx_sc().sci.0;
                let sci = if x == s::TX_SCI_LO.offset {
                    (old & !0xFFFF_FFFF) | v as u64
                } else {
                    (old & 0xFFFF_FFFF) | (v as u64) << 32
                };
                self.secy.set_tx_sci(Sci(sci));
            }
            x if x == s::PN_THRESHOLD_LO.offset => {
                self.update(|c| c.pn_threshold = (c.pn_threshold & !0xFFFF_FFFF) | v as u64)
            }
            x if x == s::PN_THRESHOLD_HI.offset => {
                self.update(|c| c.pn_threshold = (c.pn_threshold & 0xFFFF_FFFF) | (v as u64) << 32)
            }
            x if x == s::MAX_FRAME_LEN.offset => {
                self.update(|c| c.max_frame_len = (v != 0).then_some(v as usize))
            }
            x if x == s::TX_AN.offset => {
                self.tx_an = v & (s::TX_AN_NEXT.mask() | s::TX_AN_ARMED.mask());
                // ENCODING_SA always names an AN in 0..3, so this cannot fail.
                let _ = self.secy.set_encoding_sa(s::TX_AN_ENCODING.get(v) as u8);
            }
            x if x == s::TX_SA_THRESHOLD.offset => self.tx_sa_threshold &= !v,
            x if x == s::TX_SA_EXHAUSTED.offset => self.tx_sa_exhausted &= !v,
            x if x == tw::CMD.offset => self.window_command(v),
            x if (tw::DATA0_OFFSET..tw::DATA0_OFFSET + 64).contains(&x) => {
                self.win_data[((x - tw::DATA0_OFFSET) / 4) as usize] = v;
                self.win_readable = false;
            }
            x if x == cw::SEL.offset => self.cnt_sel = v,
            x if (rings::tx::BASE..rings::tx::BASE + 0x100).contains(&x) => {
                let before = self.tx.errors();
                self.tx.write(x - rings::tx::BASE, v);
                if self.tx.errors() & !before != 0 {
                    self.raise(c::IRQ_RING_ERROR.bit());
                }
            }
            x if (rings::rx::BASE..rings::rx::BASE + 0x100).contains(&x) => {
                let before = self.rx.errors();
                self.rx.write(x - rings::rx::BASE, v);
                if self.rx.errors() & !before != 0 {
                    self.raise(c::IRQ_RING_ERROR.bit());
                }
            }
            _ => {}
        }
    }

    /// Apply a change to the SecY controls that cannot make them invalid.
    fn update(&mut self, f: impl FnOnce(&mut SecYControls)) {
        let mut c = self.secy.controls().clone();
        f(&mut c);
        // Window, threshold and frame length never make the controls invalid.
        let _ = self.secy.set_controls(c);
    }

    fn write_secy_ctrl(&mut self, v: u32) {
        let mut c = self.secy.controls().clone();
        c.protect_frames = s::CTRL_PROTECT.get(v) != 0;
        c.always_include_sci = s::CTRL_ALWAYS_SCI.get(v) != 0;
        c.use_es = s::CTRL_USE_ES.get(v) != 0;
        c.use_scb = s::CTRL_USE_SCB.get(v) != 0;
        c.replay_protect = s::CTRL_REPLAY.get(v) != 0;
        c.validate_frames = s::validate_from_code(s::CTRL_VALIDATE.get(v));
        let suite = s::suite_from_code(s::CTRL_SUITE.get(v));
        let offset = s::CTRL_OFFSET.get(v);
        c.confidentiality_offset = offset as u8;
        if suite != c.cipher_suite {
            // A new suite invalidates every SA (their keys and PNs belong to the old one).
            self.secy.remove_all_sas();
            self.tx_sa = [None; 4];
            self.rx_sa.iter_mut().for_each(|sa| *sa = None);
            c.pn_threshold = suite.default_pn_threshold();
        }
        c.cipher_suite = suite;
        let ok = matches!(offset, 0 | 30 | 50) && self.secy.set_controls(c).is_ok();
        let stored = v & !s::CTRL_ERROR.mask();
        self.secy_ctrl = if ok {
            stored
        } else {
            self.secy_ctrl | s::CTRL_ERROR.mask()
        };
    }
}

/// The SecY-scope counter id of a receive counter (its catalogue number).
pub fn rx_counter_id(c: RxCounter) -> u8 {
    c.index() as u8
}

/// The SecY-scope counter id of a transmit counter.
pub fn tx_counter_id(c: TxCounter) -> u8 {
    12 + c.index() as u8
}
