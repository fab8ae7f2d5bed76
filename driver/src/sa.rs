//! Keys, SAs and SCs through the TABLES window. Key slots are fixed: transmit SA `an` uses slot
//! `an`, receive SA `an` of SC slot `s` uses slot `4 + 4s + an`, so a rekey never overwrites a key
//! in use. Keys are written and never read; the card computes H itself.

use macsec_model::config::{Config, SaConfig};
use macsec_model::regmap::secy as s;
use macsec_model::regmap::tables::{key, rx_sa, rx_sc, tx_sa, window as tw};
use macsec_model::secy::{RxSaParams, TxSaParams};
use macsec_model::{KeyId, Sak, Salt, Sci};
use zeroize::Zeroize;

use crate::card::Card;
use crate::error::{DriverError, Result};
use crate::regif::poll;

/// A transmit SA as the card reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TxSaState {
    /// The PN the next frame takes; `None` once the SA is exhausted (it has none left).
    pub next_pn: Option<u64>,
    pub enabled: bool,
    pub confidentiality: bool,
    pub threshold_reached: bool,
    pub exhausted: bool,
    /// The key's identifier, as installed with the SA.
    pub key_id: KeyId,
    pub ssci: u32,
    pub salt: Salt,
}

/// A receive SA as the card reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RxSaState {
    pub next_pn: u64,
    pub lowest_pn: u64,
    pub enabled: bool,
    pub key_id: KeyId,
    pub ssci: u32,
    pub salt: Salt,
}

/// A receive SC as the card reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RxScState {
    pub sci: Sci,
    pub enabled: bool,
}

fn reason(code: u32) -> &'static str {
    match code {
        tw::E_TABLE => "no such table",
        tw::E_INDEX => "index out of range or SC slot empty",
        tw::E_WRITE_ONLY => "the table is write-only",
        tw::E_KEY_EMPTY => "key slot empty",
        tw::E_KEY_LENGTH => "key length does not suit the cipher suite",
        tw::E_PN => "PN out of range",
        tw::E_DUPLICATE_SCI => "SCI already in another slot",
        _ => "unknown error",
    }
}

pub(crate) fn tx_params(config: &Config, sa: &SaConfig) -> TxSaParams {
    // Config::build has already accepted this entry, so the conversion cannot fail here.
    sa.tx_params(config.encrypt)
        .unwrap_or_else(|_| unreachable!("validated by Config::build"))
}

pub(crate) fn rx_params(sa: &SaConfig) -> RxSaParams {
    sa.rx_params()
        .unwrap_or_else(|_| unreachable!("validated by Config::build"))
}

fn salt_of(w: &[u32]) -> Salt {
    let mut s = [0u8; 12];
    for (i, x) in w.iter().take(3).enumerate() {
        s[4 * i..4 * i + 4].copy_from_slice(&x.to_be_bytes());
    }
    s
}

fn salt_words(salt: &Salt) -> [u32; 3] {
    let w = |i: usize| {
        u32::from_be_bytes([
            salt[4 * i],
            salt[4 * i + 1],
            salt[4 * i + 2],
            salt[4 * i + 3],
        ])
    };
    [w(0), w(1), w(2)]
}

impl Card {
    /// Run one window command and wait for it. A write command, done or refused, leaves every
    /// DATA word 0 (the register map's rule); a read fills them.
    fn table_op(&self, table: u32, name: &'static str, index: u32, write: bool) -> Result<()> {
        let cmd =
            tw::CMD_TABLE.val(table) | tw::CMD_WRITE.val(write as u32) | tw::CMD_INDEX.val(index);
        // Until the command is seen through, nothing is known of DATA.
        self.window_dirty.set(u16::MAX);
        self.dev.write32(tw::CMD.offset, cmd)?;
        let st = poll(
            &*self.dev,
            tw::STATUS.offset,
            "table window",
            self.timeout,
            |v| tw::STATUS_BUSY.get(v) == 0,
        )?;
        let read_ok = !write && tw::STATUS_ERROR.get(st) == 0;
        self.window_dirty.set(if read_ok { u16::MAX } else { 0 });
        if tw::STATUS_ERROR.get(st) != 0 {
            return Err(DriverError::Table {
                table: name,
                op: if write { "a write" } else { "a read" },
                reason: reason(tw::STATUS_CODE.get(st)),
            });
        }
        Ok(())
    }

    /// Stage DATA word `i`. A word known to be 0 already is not written again: after a write
    /// command every word is 0, so an entry costs only its non-zero words.
    fn data(&self, i: u32, v: u32) -> Result<()> {
        let bit = 1u16 << i;
        let dirty = self.window_dirty.get();
        if v == 0 && dirty & bit == 0 {
            return Ok(());
        }
        // Possibly non-zero from here until a write command clears it.
        self.window_dirty.set(dirty | bit);
        self.dev.write32(tw::DATA0_OFFSET + 4 * i, v)?;
        if v == 0 {
            self.window_dirty.set(self.window_dirty.get() & !bit);
        }
        Ok(())
    }

    fn read_data(&self, n: usize) -> Result<[u32; 16]> {
        let mut d = [0u32; 16];
        for (i, w) in d.iter_mut().enumerate().take(n) {
            *w = self.dev.read32(tw::DATA0_OFFSET + 4 * i as u32)?;
        }
        Ok(d)
    }

    /// Write a key into a slot: 4 or 8 key words, the length word, the command.
    pub fn install_key(&self, slot: u16, sak: &Sak) -> Result<()> {
        let mut words = [0u32; 8];
        for (w, c) in words.iter_mut().zip(sak.as_bytes().chunks(4)) {
            *w = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        let n = sak.len() / 4;
        let mut r = Ok(());
        for (i, w) in words.iter().enumerate().take(n) {
            r = r.and_then(|_| self.data(i as u32, *w));
        }
        words.zeroize();
        r?;
        self.data(
            key::SAK_WORDS,
            key::LEN_VALID.bit() | key::LEN_256.val((n == 8) as u32),
        )?;
        self.table_op(key::ID, "KEY", slot as u32, true)
    }

    fn tx_key_slot(an: u8) -> u16 {
        an as u16
    }

    fn rx_key_slot(slot: u16, an: u8) -> u16 {
        4 + 4 * slot + an as u16
    }

    /// Install a transmit SA with its key, identified by the key's fingerprint.
    pub fn install_tx_sa(&mut self, an: u8, p: &TxSaParams) -> Result<()> {
        self.install_tx_sa_with_id(an, p, KeyId::fingerprint(&p.sak))
    }

    /// Install a transmit SA with its key and the key's identifier.
    pub fn install_tx_sa_with_id(&mut self, an: u8, p: &TxSaParams, key_id: KeyId) -> Result<()> {
        check_an(an)?;
        let ks = Self::tx_key_slot(an);
        self.install_key(ks, &p.sak)?;
        let ctrl = tx_sa::CTRL_VALID.bit()
            | tx_sa::CTRL_ENABLE.val(p.enable as u32)
            | tx_sa::CTRL_CONF.val(p.confidentiality as u32)
            | tx_sa::CTRL_KEY.val(ks as u32);
        self.data(0, ctrl)?;
        self.data(1, p.next_pn as u32)?;
        self.data(2, (p.next_pn >> 32) as u32)?;
        if let (Some(ssci), Some(salt)) = (p.ssci, p.salt) {
            self.data(3, ssci)?;
            for (i, w) in salt_words(&salt).into_iter().enumerate() {
                self.data(4 + i as u32, w)?;
            }
        }
        for (i, w) in key_id.words().into_iter().enumerate() {
            self.data(tx_sa::KEY_ID_WORD + i as u32, w)?;
        }
        self.table_op(tx_sa::ID, "TX_SA", an as u32, true)
    }

    pub fn remove_tx_sa(&mut self, an: u8) -> Result<()> {
        check_an(an)?;
        self.data(0, 0)?;
        self.table_op(tx_sa::ID, "TX_SA", an as u32, true)
    }

    pub fn enable_tx_sa(&mut self, an: u8, on: bool) -> Result<()> {
        check_an(an)?;
        self.data(
            0,
            tx_sa::CTRL_ENABLE_ONLY.bit() | tx_sa::CTRL_ENABLE.val(on as u32),
        )?;
        self.table_op(tx_sa::ID, "TX_SA", an as u32, true)
    }

    /// The transmit SA `an`, or `None` if none is installed.
    pub fn tx_sa_state(&self, an: u8) -> Result<Option<TxSaState>> {
        check_an(an)?;
        self.table_op(tx_sa::ID, "TX_SA", an as u32, false)?;
        let k = tx_sa::KEY_ID_WORD as usize;
        let d = self.read_data(k + 4)?;
        if tx_sa::CTRL_VALID.get(d[0]) == 0 {
            return Ok(None);
        }
        let exhausted = tx_sa::CTRL_EXHAUSTED.get(d[0]) != 0;
        let next = (d[2] as u64) << 32 | d[1] as u64;
        Ok(Some(TxSaState {
            // Read 0 when exhausted; either way no PN is left to give.
            next_pn: (!exhausted && next != 0).then_some(next),
            enabled: tx_sa::CTRL_ENABLE.get(d[0]) != 0,
            confidentiality: tx_sa::CTRL_CONF.get(d[0]) != 0,
            threshold_reached: tx_sa::CTRL_THRESHOLD.get(d[0]) != 0,
            exhausted,
            key_id: KeyId::from_words([d[k], d[k + 1], d[k + 2], d[k + 3]]),
            ssci: d[3],
            salt: salt_of(&d[4..7]),
        }))
    }

    /// encodingSA, now.
    pub fn set_encoding_sa(&mut self, an: u8) -> Result<()> {
        check_an(an)?;
        self.dev
            .write32(s::TX_AN.offset, s::TX_AN_ENCODING.val(an as u32))
    }

    /// The AN the next frame will use (after any armed switchover).
    pub fn encoding_sa(&self) -> Result<u8> {
        let v = self.dev.read32(s::TX_AN.offset)?;
        Ok(if s::TX_AN_ARMED.get(v) != 0 {
            s::TX_AN_NEXT.get(v)
        } else {
            s::TX_AN_ENCODING.get(v)
        } as u8)
    }

    /// Arm the switch to `an`: the card takes it before the next frame, so no frame is lost
    /// or sent with a half-installed SA.
    pub fn arm_switchover(&mut self, an: u8) -> Result<()> {
        check_an(an)?;
        let cur = self.dev.read32(s::TX_AN.offset)?;
        let v = s::TX_AN_ENCODING.val(s::TX_AN_ENCODING.get(cur))
            | s::TX_AN_NEXT.val(an as u32)
            | s::TX_AN_ARMED.bit();
        self.dev.write32(s::TX_AN.offset, v)
    }

    /// Rekey: install `p` as the SA after the current encoding SA and arm the switchover.
    /// Returns the new AN.
    pub fn rekey(&mut self, p: &TxSaParams) -> Result<u8> {
        let next = (self.encoding_sa()? + 1) % 4;
        self.install_tx_sa(next, p)?;
        self.arm_switchover(next)?;
        Ok(next)
    }

    /// Read and clear the PN events: (threshold, exhausted) bitmaps, bit n for AN n.
    pub fn take_pn_events(&mut self) -> Result<(u8, u8)> {
        let t = self.dev.read32(s::TX_SA_THRESHOLD.offset)?;
        let e = self.dev.read32(s::TX_SA_EXHAUSTED.offset)?;
        if t == u32::MAX && e == u32::MAX {
            return Err(DriverError::SurpriseRemoval);
        }
        if t != 0 {
            self.dev.write32(s::TX_SA_THRESHOLD.offset, t)?;
        }
        if e != 0 {
            self.dev.write32(s::TX_SA_EXHAUSTED.offset, e)?;
        }
        Ok((t as u8 & 0xF, e as u8 & 0xF))
    }

    fn slot_of(&self, sci: Sci) -> Result<u16> {
        self.rx_slots
            .iter()
            .position(|s| *s == Some(sci))
            .map(|i| i as u16)
            .ok_or_else(|| DriverError::Invalid(format!("no receive SC {sci}")))
    }

    /// The SCI in a receive SC slot, as programmed.
    pub fn rx_sc_sci(&self, slot: u16) -> Option<Sci> {
        self.rx_slots.get(slot as usize).copied().flatten()
    }

    /// The slot a receive SC occupies.
    pub fn rx_sc_slot(&self, sci: Sci) -> Option<u16> {
        self.slot_of(sci).ok()
    }

    /// Add a receive SC in the first free slot; returns the slot.
    pub fn add_rx_sc(&mut self, sci: Sci, enable: bool) -> Result<u16> {
        if self.rx_slots.contains(&Some(sci)) {
            return Err(DriverError::Invalid(format!("receive SC {sci} exists")));
        }
        let slot = self
            .rx_slots
            .iter()
            .position(Option::is_none)
            .ok_or(DriverError::Full {
                what: "receive SC table",
                slots: self.rx_slots.len(),
            })? as u16;
        self.write_rx_sc(slot, sci, enable)?;
        self.rx_slots[slot as usize] = Some(sci);
        Ok(slot)
    }

    fn write_rx_sc(&self, slot: u16, sci: Sci, enable: bool) -> Result<()> {
        self.data(
            0,
            rx_sc::CTRL_VALID.bit() | rx_sc::CTRL_ENABLE.val(enable as u32),
        )?;
        self.data(1, sci.0 as u32)?;
        self.data(2, (sci.0 >> 32) as u32)?;
        self.table_op(rx_sc::ID, "RX_SC", slot as u32, true)
    }

    pub fn enable_rx_sc(&mut self, sci: Sci, enable: bool) -> Result<()> {
        let slot = self.slot_of(sci)?;
        self.write_rx_sc(slot, sci, enable)
    }

    pub fn remove_rx_sc(&mut self, sci: Sci) -> Result<()> {
        let slot = self.slot_of(sci)?;
        self.data(0, 0)?;
        self.table_op(rx_sc::ID, "RX_SC", slot as u32, true)?;
        self.rx_slots[slot as usize] = None;
        Ok(())
    }

    /// Install receive SA `an` of SC `sci` with its key, identified by the key's fingerprint.
    pub fn install_rx_sa(&mut self, sci: Sci, an: u8, p: &RxSaParams) -> Result<()> {
        self.install_rx_sa_with_id(sci, an, p, KeyId::fingerprint(&p.sak))
    }

    /// Install receive SA `an` of SC `sci` with its key and the key's identifier.
    pub fn install_rx_sa_with_id(
        &mut self,
        sci: Sci,
        an: u8,
        p: &RxSaParams,
        key_id: KeyId,
    ) -> Result<()> {
        check_an(an)?;
        let slot = self.slot_of(sci)?;
        let ks = Self::rx_key_slot(slot, an);
        self.install_key(ks, &p.sak)?;
        let lowest = p.lowest_pn.unwrap_or(0);
        self.data(
            0,
            rx_sa::CTRL_VALID.bit()
                | rx_sa::CTRL_ENABLE.val(p.enable as u32)
                | rx_sa::CTRL_KEY.val(ks as u32),
        )?;
        self.data(1, p.next_pn as u32)?;
        self.data(2, (p.next_pn >> 32) as u32)?;
        self.data(3, lowest as u32)?;
        self.data(4, (lowest >> 32) as u32)?;
        if let (Some(ssci), Some(salt)) = (p.ssci, p.salt) {
            self.data(5, ssci)?;
            for (i, w) in salt_words(&salt).into_iter().enumerate() {
                self.data(6 + i as u32, w)?;
            }
        }
        for (i, w) in key_id.words().into_iter().enumerate() {
            self.data(rx_sa::KEY_ID_WORD + i as u32, w)?;
        }
        self.table_op(rx_sa::ID, "RX_SA", 4 * slot as u32 + an as u32, true)
    }

    pub fn remove_rx_sa(&mut self, sci: Sci, an: u8) -> Result<()> {
        check_an(an)?;
        let slot = self.slot_of(sci)?;
        self.data(0, 0)?;
        self.table_op(rx_sa::ID, "RX_SA", 4 * slot as u32 + an as u32, true)
    }

    pub fn enable_rx_sa(&mut self, sci: Sci, an: u8, on: bool) -> Result<()> {
        check_an(an)?;
        let slot = self.slot_of(sci)?;
        self.data(
            0,
            rx_sa::CTRL_ENABLE_ONLY.bit() | rx_sa::CTRL_ENABLE.val(on as u32),
        )?;
        self.table_op(rx_sa::ID, "RX_SA", 4 * slot as u32 + an as u32, true)
    }

    /// The KaY's updtNextPN/updtLowestPN (10.7.15): each PN only rises.
    pub fn update_rx_sa_pn(
        &mut self,
        sci: Sci,
        an: u8,
        next_pn: u64,
        lowest_pn: u64,
    ) -> Result<()> {
        check_an(an)?;
        let slot = self.slot_of(sci)?;
        self.data(0, rx_sa::CTRL_UPDATE_PN.bit())?;
        self.data(1, next_pn as u32)?;
        self.data(2, (next_pn >> 32) as u32)?;
        self.data(3, lowest_pn as u32)?;
        self.data(4, (lowest_pn >> 32) as u32)?;
        self.table_op(rx_sa::ID, "RX_SA", 4 * slot as u32 + an as u32, true)
    }

    /// Receive SA `an` of SC `sci`, or `None` if none is installed.
    pub fn rx_sa_state(&self, sci: Sci, an: u8) -> Result<Option<RxSaState>> {
        check_an(an)?;
        let slot = self.slot_of(sci)?;
        self.table_op(rx_sa::ID, "RX_SA", 4 * slot as u32 + an as u32, false)?;
        let k = rx_sa::KEY_ID_WORD as usize;
        let d = self.read_data(k + 4)?;
        if rx_sa::CTRL_VALID.get(d[0]) == 0 {
            return Ok(None);
        }
        Ok(Some(RxSaState {
            next_pn: (d[2] as u64) << 32 | d[1] as u64,
            lowest_pn: (d[4] as u64) << 32 | d[3] as u64,
            enabled: rx_sa::CTRL_ENABLE.get(d[0]) != 0,
            key_id: KeyId::from_words([d[k], d[k + 1], d[k + 2], d[k + 3]]),
            ssci: d[5],
            salt: salt_of(&d[6..9]),
        }))
    }

    /// The receive SC in `slot` as the card holds it, or `None` if the slot is empty.
    pub fn rx_sc_state(&self, slot: u16) -> Result<Option<RxScState>> {
        if slot >= self.info.rx_scs {
            return Err(DriverError::Invalid(format!(
                "SC slot {slot} is beyond the card's {}",
                self.info.rx_scs
            )));
        }
        self.table_op(rx_sc::ID, "RX_SC", slot as u32, false)?;
        let d = self.read_data(3)?;
        if rx_sc::CTRL_VALID.get(d[0]) == 0 {
            return Ok(None);
        }
        Ok(Some(RxScState {
            sci: Sci((d[2] as u64) << 32 | d[1] as u64),
            enabled: rx_sc::CTRL_ENABLE.get(d[0]) != 0,
        }))
    }

    /// Learn the receive SCs the card holds (programmed by an earlier process, say), so that
    /// slots, counters and `apply` see the card as it is.
    pub fn sync_rx_slots(&mut self) -> Result<()> {
        let mut slots = vec![None; self.info.rx_scs as usize];
        for (i, s) in slots.iter_mut().enumerate() {
            *s = self.rx_sc_state(i as u16)?.map(|st| st.sci);
        }
        self.rx_slots = slots;
        Ok(())
    }
}

fn check_an(an: u8) -> Result<()> {
    if an > 3 {
        return Err(DriverError::Invalid(format!(
            "AN {an} is out of range (0..3)"
        )));
    }
    Ok(())
}
