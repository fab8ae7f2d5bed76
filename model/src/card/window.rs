//! The TABLES window: key, transmit SA, receive SC and receive SA tables. Operations complete
//! at once here (BUSY is never seen set); the RTL takes cycles, and the driver polls either way.

use zeroize::Zeroize;

use crate::cipher::{Sak, Salt};
use crate::regmap::tables::{key, rx_sa, rx_sc, tx_sa, window as tw};
use crate::sci::Sci;
use crate::secy::{ConfigError, RxSaParams, TxSaParams};

use super::behavioral::{SaShadow, ScSlot};
use super::BehavioralCard;

type Op = Result<(), u32>;

fn salt_of(words: &[u32]) -> Salt {
    let mut s = [0u8; 12];
    for (i, w) in words.iter().take(3).enumerate() {
        s[4 * i..4 * i + 4].copy_from_slice(&w.to_be_bytes());
    }
    s
}

fn salt_words(s: &Salt, out: &mut [u32]) {
    for (i, o) in out.iter_mut().take(3).enumerate() {
        *o = u32::from_be_bytes([s[4 * i], s[4 * i + 1], s[4 * i + 2], s[4 * i + 3]]);
    }
}

fn pn(lo: u32, hi: u32) -> u64 {
    (hi as u64) << 32 | lo as u64
}

/// The window error code for a refused SA.
fn code(e: ConfigError) -> u32 {
    match e {
        ConfigError::KeyLength { .. } => tw::E_KEY_LENGTH,
        ConfigError::PnOutOfRange { .. } => tw::E_PN,
        ConfigError::DuplicateRxSc(_) => tw::E_DUPLICATE_SCI,
        _ => tw::E_INDEX,
    }
}

impl BehavioralCard {
    pub(super) fn window_command(&mut self, cmd: u32) {
        self.win_cmd = cmd;
        let table = tw::CMD_TABLE.get(cmd);
        let write = tw::CMD_WRITE.get(cmd) != 0;
        let index = tw::CMD_INDEX.get(cmd) as usize;
        let r = match (table, write) {
            (key::ID, true) => self.key_write(index),
            (key::ID, false) => Err(tw::E_WRITE_ONLY),
            (tx_sa::ID, true) => self.tx_sa_write(index),
            (tx_sa::ID, false) => self.tx_sa_read(index),
            (rx_sc::ID, true) => self.rx_sc_write(index),
            (rx_sc::ID, false) => self.rx_sc_read(index),
            (rx_sa::ID, true) => self.rx_sa_write(index),
            (rx_sa::ID, false) => self.rx_sa_read(index),
            _ => Err(tw::E_TABLE),
        };
        if write || r.is_err() {
            // Written words never read back; a refused read returns zeros.
            self.win_data.zeroize();
            self.win_readable = r.is_ok() && !write;
        } else {
            self.win_readable = true;
        }
        self.win_status = match r {
            Ok(()) => 0,
            Err(c) => tw::STATUS_ERROR.bit() | tw::STATUS_CODE.val(c),
        };
    }

    fn key_write(&mut self, i: usize) -> Op {
        if i >= self.keys.len() {
            return Err(tw::E_INDEX);
        }
        let d = self.win_data[key::SAK_WORDS as usize];
        if key::LEN_VALID.get(d) == 0 {
            self.keys[i] = None;
            return Ok(());
        }
        let words = if key::LEN_256.get(d) != 0 { 8 } else { 4 };
        let mut raw = [0u8; 32];
        for (w, chunk) in self.win_data[..words].iter().zip(raw.chunks_mut(4)) {
            chunk.copy_from_slice(&w.to_be_bytes());
        }
        let sak = Sak::new(&raw[..4 * words]);
        raw.zeroize();
        // 16 or 32 octets: always a valid SAK length.
        self.keys[i] = sak.ok();
        Ok(())
    }

    fn key(&self, index: u32) -> Result<Sak, u32> {
        match self.keys.get(index as usize) {
            Some(Some(k)) => Ok(k.clone()),
            Some(None) => Err(tw::E_KEY_EMPTY),
            None => Err(tw::E_INDEX),
        }
    }

    fn tx_sa_write(&mut self, an: usize) -> Op {
        if an > 3 {
            return Err(tw::E_INDEX);
        }
        let d = self.win_data;
        let ctrl = d[0];
        let enable = tx_sa::CTRL_ENABLE.get(ctrl) != 0;
        if tx_sa::CTRL_ENABLE_ONLY.get(ctrl) != 0 {
            // AN is 0..3 here.
            let _ = self.secy.enable_tx_sa(an as u8, enable);
            return Ok(());
        }
        if tx_sa::CTRL_VALID.get(ctrl) == 0 {
            let _ = self.secy.remove_tx_sa(an as u8);
            self.tx_sa[an] = None;
            self.tx_sa_threshold &= !(1 << an);
            self.tx_sa_exhausted &= !(1 << an);
            return Ok(());
        }
        let key_index = tx_sa::CTRL_KEY.get(ctrl);
        let xpn = self.secy.controls().cipher_suite.is_xpn();
        let k = tx_sa::KEY_ID_WORD as usize;
        let shadow = SaShadow {
            key_index: key_index as u16,
            ssci: d[3],
            salt: salt_of(&d[4..7]),
            key_id: [d[k], d[k + 1], d[k + 2], d[k + 3]],
        };
        let p = TxSaParams {
            sak: self.key(key_index)?,
            next_pn: pn(d[1], d[2]),
            ssci: xpn.then_some(shadow.ssci),
            salt: xpn.then_some(shadow.salt),
            confidentiality: tx_sa::CTRL_CONF.get(ctrl) != 0,
            enable,
        };
        self.secy.install_tx_sa(an as u8, &p).map_err(code)?;
        self.tx_sa[an] = Some(shadow);
        self.tx_sa_threshold &= !(1 << an);
        self.tx_sa_exhausted &= !(1 << an);
        Ok(())
    }

    fn tx_sa_read(&mut self, an: usize) -> Op {
        if an > 3 {
            return Err(tw::E_INDEX);
        }
        self.win_data = [0; 16];
        let (Some(sa), Some(sh)) = (self.secy.tx_sa(an as u8), self.tx_sa[an]) else {
            return Ok(());
        };
        self.win_data[0] = tx_sa::CTRL_ENABLE.val(sa.enabled as u32)
            | tx_sa::CTRL_CONF.val(sa.confidentiality as u32)
            | tx_sa::CTRL_THRESHOLD.val(sa.threshold_reached as u32)
            | tx_sa::CTRL_EXHAUSTED.val(sa.exhausted as u32)
            | tx_sa::CTRL_VALID.bit()
            | tx_sa::CTRL_KEY.val(sh.key_index as u32);
        // An exhausted SA has no next PN: it reads 0, never a PN it already used.
        let next = if sa.exhausted { 0 } else { sa.next_pn };
        self.win_data[1] = next as u32;
        self.win_data[2] = (next >> 32) as u32;
        self.win_data[3] = sh.ssci;
        salt_words(&sh.salt, &mut self.win_data[4..7]);
        let k = tx_sa::KEY_ID_WORD as usize;
        self.win_data[k..k + 4].copy_from_slice(&sh.key_id);
        Ok(())
    }

    fn rx_sc_write(&mut self, i: usize) -> Op {
        if i >= self.rx_sc.len() {
            return Err(tw::E_INDEX);
        }
        let d = self.win_data;
        let enable = rx_sc::CTRL_ENABLE.get(d[0]) != 0;
        let old = self.rx_sc[i];
        if rx_sc::CTRL_VALID.get(d[0]) == 0 {
            if let Some(o) = old {
                let _ = self.secy.remove_rx_sc(o.sci);
            }
            self.rx_sc[i] = None;
            self.rx_sa[4 * i..4 * i + 4].fill(None);
            return Ok(());
        }
        let sci = Sci(pn(d[1], d[2]));
        match old {
            Some(o) if o.sci == sci => {}
            _ => {
                if self.rx_sc.iter().flatten().any(|s| s.sci == sci) {
                    return Err(tw::E_DUPLICATE_SCI);
                }
                if let Some(o) = old {
                    let _ = self.secy.remove_rx_sc(o.sci);
                    self.rx_sa[4 * i..4 * i + 4].fill(None);
                }
                self.secy.add_rx_sc(sci).map_err(code)?;
            }
        }
        let _ = self.secy.enable_rx_sc(sci, enable);
        self.rx_sc[i] = Some(ScSlot {
            sci,
            enabled: enable,
        });
        Ok(())
    }

    fn rx_sc_read(&mut self, i: usize) -> Op {
        let slot = *self.rx_sc.get(i).ok_or(tw::E_INDEX)?;
        self.win_data = [0; 16];
        if let Some(s) = slot {
            self.win_data[0] = rx_sc::CTRL_VALID.bit() | rx_sc::CTRL_ENABLE.val(s.enabled as u32);
            self.win_data[1] = s.sci.0 as u32;
            self.win_data[2] = (s.sci.0 >> 32) as u32;
        }
        Ok(())
    }

    fn rx_slot(&self, i: usize) -> Result<Sci, u32> {
        match self.rx_sc.get(i / 4) {
            Some(Some(s)) => Ok(s.sci),
            _ => Err(tw::E_INDEX),
        }
    }

    fn rx_sa_write(&mut self, i: usize) -> Op {
        let sci = self.rx_slot(i)?;
        let an = (i % 4) as u8;
        let d = self.win_data;
        let enable = rx_sa::CTRL_ENABLE.get(d[0]) != 0;
        if rx_sa::CTRL_ENABLE_ONLY.get(d[0]) != 0 {
            let _ = self.secy.enable_rx_sa(sci, an, enable);
            return Ok(());
        }
        if rx_sa::CTRL_UPDATE_PN.get(d[0]) != 0 {
            let _ = self
                .secy
                .update_rx_sa_pn(sci, an, pn(d[1], d[2]), pn(d[3], d[4]));
            return Ok(());
        }
        if rx_sa::CTRL_VALID.get(d[0]) == 0 {
            let _ = self.secy.remove_rx_sa(sci, an);
            self.rx_sa[i] = None;
            return Ok(());
        }
        let key_index = rx_sa::CTRL_KEY.get(d[0]);
        let xpn = self.secy.controls().cipher_suite.is_xpn();
        let k = rx_sa::KEY_ID_WORD as usize;
        let shadow = SaShadow {
            key_index: key_index as u16,
            ssci: d[5],
            salt: salt_of(&d[6..9]),
            key_id: [d[k], d[k + 1], d[k + 2], d[k + 3]],
        };
        let lowest = pn(d[3], d[4]);
        let p = RxSaParams {
            sak: self.key(key_index)?,
            next_pn: pn(d[1], d[2]),
            lowest_pn: (lowest != 0).then_some(lowest),
            ssci: xpn.then_some(shadow.ssci),
            salt: xpn.then_some(shadow.salt),
            enable,
        };
        self.secy.install_rx_sa(sci, an, &p).map_err(code)?;
        self.rx_sa[i] = Some(shadow);
        Ok(())
    }

    fn rx_sa_read(&mut self, i: usize) -> Op {
        let sci = self.rx_slot(i)?;
        self.win_data = [0; 16];
        let (Some(sa), Some(sh)) = (self.secy.rx_sa(sci, (i % 4) as u8), self.rx_sa[i]) else {
            return Ok(());
        };
        self.win_data[0] = rx_sa::CTRL_ENABLE.val(sa.enabled as u32)
            | rx_sa::CTRL_VALID.bit()
            | rx_sa::CTRL_KEY.val(sh.key_index as u32);
        self.win_data[1] = sa.next_pn as u32;
        self.win_data[2] = (sa.next_pn >> 32) as u32;
        self.win_data[3] = sa.lowest_pn as u32;
        self.win_data[4] = (sa.lowest_pn >> 32) as u32;
        self.win_data[5] = sh.ssci;
        salt_words(&sh.salt, &mut self.win_data[6..9]);
        let k = rx_sa::KEY_ID_WORD as usize;
        self.win_data[k..k + 4].copy_from_slice(&sh.key_id);
        Ok(())
    }
}
