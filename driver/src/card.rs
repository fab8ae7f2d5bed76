//! Probe, reset, enable and the SecY settings.

use std::time::Duration;

use macsec_model::regmap::BLOCKS;
use macsec_model::regmap::{card as c, secy as s};
use macsec_model::secy::SecYControls;
use macsec_model::Sci;

use crate::discover::{walk, BlockInfo};
use crate::error::{DriverError, Result};
use crate::regif::poll;
use crate::ring::{RxRing, TxRing};
use crate::Device;

/// What probing found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardInfo {
    pub map_version: u32,
    pub blocks: Vec<BlockInfo>,
    pub rx_scs: u16,
    pub keys: u16,
    /// Bit n: the suite `CipherSuite::ALL[n]`.
    pub suites: u32,
    pub datapath_bits: u16,
    pub clock_mhz: u16,
}

/// A probed card.
pub struct Card {
    pub(crate) dev: Box<dyn Device>,
    pub(crate) info: CardInfo,
    pub(crate) timeout: Duration,
    /// Receive SC slots as programmed: SCI per slot.
    pub(crate) rx_slots: Vec<Option<Sci>>,
    pub(crate) tx: Option<TxRing>,
    pub(crate) rx: Option<RxRing>,
    /// The table window's DATA words that may not be 0 (bit n: DATAn): the others need not be
    /// written for the next entry.
    pub(crate) window_dirty: std::cell::Cell<u16>,
}

impl std::fmt::Debug for Card {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Card")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

impl Drop for Card {
    fn drop(&mut self) {
        if self.dev.quiesce_on_close() {
            // Best effort: a card that no longer answers cannot be quiesced, and a drop has no
            // one to tell.
            let _ = self.quiesce();
        }
        // The rings' DMA memory is unmapped only now, after the card has stopped using it.
        self.tx = None;
        self.rx = None;
    }
}

impl Card {
    /// Check the identity and map version, walk the block chain, read the capabilities.
    pub fn probe(dev: Box<dyn Device>) -> Result<Card> {
        let id = dev.read32(c::ID.offset)?;
        if id == u32::MAX {
            return Err(DriverError::SurpriseRemoval);
        }
        if id != c::ID_VALUE {
            return Err(DriverError::BadId(id));
        }
        let map_version = dev.read32(c::MAP_VERSION_REG.offset)?;
        if map_version >> 16 != c::MAP_VERSION >> 16 {
            return Err(DriverError::MapVersion {
                found: map_version,
                known: c::MAP_VERSION,
            });
        }
        let blocks = walk(&*dev)?;
        for b in BLOCKS {
            let found = blocks
                .iter()
                .any(|x| x.type_id == b.type_id && x.base == b.base);
            if !found {
                return Err(DriverError::MissingBlock(b.name));
            }
        }
        let caps0 = dev.read32(c::CAPS0.offset)?;
        let caps1 = dev.read32(c::CAPS1.offset)?;
        let caps2 = dev.read32(c::CAPS2.offset)?;
        let info = CardInfo {
            map_version,
            blocks,
            rx_scs: c::CAPS0_RX_SCS.get(caps0) as u16,
            keys: c::CAPS1_KEYS.get(caps1) as u16,
            suites: c::CAPS1_SUITES.get(caps1),
            datapath_bits: c::CAPS2_WIDTH.get(caps2) as u16,
            clock_mhz: c::CAPS2_CLOCK.get(caps2) as u16,
        };
        if (info.keys as usize) < 4 + 4 * info.rx_scs as usize {
            return Err(DriverError::Invalid(format!(
                "card has {} key slots, fewer than the {} its SAs need",
                info.keys,
                4 + 4 * info.rx_scs as usize
            )));
        }
        let mut card = Card {
            dev,
            rx_slots: vec![None; info.rx_scs as usize],
            info,
            timeout: Duration::from_millis(200),
            tx: None,
            rx: None,
            window_dirty: std::cell::Cell::new(u16::MAX),
        };
        // The card may hold SCs from an earlier process: see them as they are.
        card.sync_rx_slots()?;
        Ok(card)
    }

    /// Check the card's identity again (after an error, or before trusting it once more): all-
    /// ones is surprise removal, another ID or major map version is not this card.
    pub fn reprobe(&self) -> Result<()> {
        let id = self.dev.read32(c::ID.offset)?;
        if id == u32::MAX {
            return Err(DriverError::SurpriseRemoval);
        }
        if id != c::ID_VALUE {
            return Err(DriverError::BadId(id));
        }
        let v = self.dev.read32(c::MAP_VERSION_REG.offset)?;
        if v >> 16 != c::MAP_VERSION >> 16 {
            return Err(DriverError::MapVersion {
                found: v,
                known: c::MAP_VERSION,
            });
        }
        Ok(())
    }

    pub fn info(&self) -> &CardInfo {
        &self.info
    }

    /// How long a busy bit may stay set before the card is declared stuck.
    pub fn set_timeout(&mut self, t: Duration) {
        self.timeout = t;
    }

    /// The backend (for tests and tools that need raw register access).
    pub fn device(&self) -> &dyn Device {
        &*self.dev
    }

    /// Reset the card: tables, keys, counters, rings, interrupts. Rings must be set up again.
    pub fn reset(&mut self) -> Result<()> {
        self.dev
            .write32(c::CONTROL.offset, c::CONTROL_RESET.bit())?;
        poll(&*self.dev, c::CONTROL.offset, "reset", self.timeout, |v| {
            c::CONTROL_RESET.get(v) == 0
        })?;
        self.rx_slots.iter_mut().for_each(|s| *s = None);
        self.tx = None;
        self.rx = None;
        self.window_dirty.set(u16::MAX);
        Ok(())
    }

    /// Quiesce the card: datapath and both rings stopped, their DMA finished (STATUS.ACTIVE
    /// clear), then a reset so no key stays in it. Done when a card is closed (on drop) for a
    /// backend that asks for it ([`crate::RegisterIo::quiesce_on_close`]): a real card, or
    /// one served over vfio-user. The DMA memory goes only after this.
    pub fn quiesce(&mut self) -> Result<()> {
        use macsec_model::regmap::rings::{self as rg, rx as rxr, tx as txr};
        self.enable(false)?;
        for block in [txr::BASE, rxr::BASE] {
            let ctrl = block + (txr::CTRL.offset - txr::BASE);
            self.dev.write32(ctrl, 0)?;
        }
        for block in [txr::BASE, rxr::BASE] {
            let status = block + (txr::STATUS.offset - txr::BASE);
            poll(&*self.dev, status, "ring stop", self.timeout, |v| {
                rg::STATUS_ACTIVE.get(v) == 0
            })?;
        }
        self.reset()
    }

    /// Start or stop the datapath.
    pub fn enable(&mut self, on: bool) -> Result<()> {
        self.dev
            .write32(c::CONTROL.offset, c::CONTROL_ENABLE.val(on as u32))
    }

    /// Program the SecY controls and the transmit SCI.
    pub fn set_secy(&mut self, ctl: &SecYControls, tx_sci: Sci) -> Result<()> {
        let io = &*self.dev;
        let v = s::CTRL_PROTECT.val(ctl.protect_frames as u32)
            | s::CTRL_ALWAYS_SCI.val(ctl.always_include_sci as u32)
            | s::CTRL_USE_ES.val(ctl.use_es as u32)
            | s::CTRL_USE_SCB.val(ctl.use_scb as u32)
            | s::CTRL_REPLAY.val(ctl.replay_protect as u32)
            | s::CTRL_VALIDATE.val(s::validate_code(ctl.validate_frames))
            | s::CTRL_SUITE.val(s::suite_code(ctl.cipher_suite))
            | s::CTRL_OFFSET.val(ctl.confidentiality_offset as u32);
        let suite_bit = 1 << s::suite_code(ctl.cipher_suite);
        if self.info.suites & suite_bit == 0 {
            return Err(DriverError::Invalid(format!(
                "the card does not support {}",
                ctl.cipher_suite
            )));
        }
        io.write32(s::CTRL.offset, v)?;
        if s::CTRL_ERROR.get(io.read32(s::CTRL.offset)?) != 0 {
            return Err(DriverError::SecyRefused);
        }
        io.write32(s::REPLAY_WINDOW.offset, ctl.replay_window)?;
        io.write32(s::TX_SCI_LO.offset, tx_sci.0 as u32)?;
        io.write32(s::TX_SCI_HI.offset, (tx_sci.0 >> 32) as u32)?;
        io.write32(s::PN_THRESHOLD_LO.offset, ctl.pn_threshold as u32)?;
        io.write32(s::PN_THRESHOLD_HI.offset, (ctl.pn_threshold >> 32) as u32)?;
        io.write32(
            s::MAX_FRAME_LEN.offset,
            ctl.max_frame_len.unwrap_or(0) as u32,
        )?;
        Ok(())
    }
}
