//! Programming a whole configuration into a card without ever making it send a PN twice under
//! one key. [`Card::apply`] changes only what differs: an SA whose key (told by the key
//! identifier the card holds, never by reading keys) and settings are already there keeps its
//! PNs, replay state and counters; a key the card already used continues from the card's next
//! PN wherever it is installed; a key that has used its last PN is refused. Applying the same
//! configuration twice therefore changes nothing. [`Card::apply_fresh`] resets the card first:
//! every SA starts at its configured PN again, which reuses PNs of any key the card had used —
//! the explicit choice of whoever asks for it.
//!
//! What the driver cannot know it cannot protect: once an SA is removed or the card reset, the
//! card no longer holds its key's PN, and a later configuration with that key starts where it
//! says. Keeping keys single-use (MKA does: each SAK has its own KI) is the answer there.

use std::collections::HashMap;

use macsec_model::config::{Config, SaConfig};
use macsec_model::regmap::secy as s;
use macsec_model::{KeyId, Sci};

use crate::card::Card;
use crate::error::{DriverError, Result};
use crate::sa::{rx_params, tx_params, RxSaState, TxSaState};

fn invalid(e: impl std::fmt::Display) -> DriverError {
    DriverError::Invalid(e.to_string())
}

/// Where a key stands on the card: the PN its next frame would take, or none left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Used {
    Next(u64),
    Exhausted,
}

impl Card {
    /// Make the card hold `config`, changing only what differs (module docs). Never makes the
    /// card transmit a PN it already transmitted under the same key.
    pub fn apply(&mut self, config: &Config) -> Result<()> {
        // The golden SecY checks everything a card would refuse, with better words.
        config.build(macsec_model::Backend::Ring).map_err(invalid)?;
        let ctl = config.controls().map_err(invalid)?;
        self.sync_rx_slots()?;
        let mut tx: [Option<TxSaState>; 4] = [None; 4];
        for (an, st) in tx.iter_mut().enumerate() {
            *st = self.tx_sa_state(an as u8)?;
        }
        // Every key the card transmits under, and how far it has got.
        let mut used: HashMap<KeyId, Used> = HashMap::new();
        for st in tx.iter().flatten() {
            let u = match st.next_pn {
                Some(pn) => Used::Next(pn),
                None => Used::Exhausted,
            };
            used.insert(st.key_id, u);
        }
        // A key with no PN left is refused before anything changes.
        for sa in &config.tx_sa {
            let id = sa.effective_key_id();
            if used.get(&id) == Some(&Used::Exhausted) {
                return Err(DriverError::Invalid(format!(
                    "tx_sa AN {}: key {id} has used every PN on this card; give a new key \
                     (or reset the card, which reuses its PNs)",
                    sa.an
                )));
            }
        }
        // The card refuses a new cipher suite while SAs are installed: they go first (their
        // keys' PNs are remembered above).
        let suite_now = s::CTRL_SUITE.get(self.dev.read32(s::CTRL.offset)?);
        if suite_now != s::suite_code(ctl.cipher_suite) {
            for (an, st) in tx.iter_mut().enumerate() {
                if st.take().is_some() {
                    self.remove_tx_sa(an as u8)?;
                }
            }
            for sci in self.rx_slots.clone().into_iter().flatten() {
                self.remove_rx_sc(sci)?;
            }
        }
        self.set_secy(&ctl, config.sci)?;
        for (an, have) in tx.iter().enumerate() {
            let an = an as u8;
            let want = config.tx_sa.iter().find(|sa| sa.an == an as u64);
            match want {
                None if have.is_some() => self.remove_tx_sa(an)?,
                None => {}
                Some(sa) => self.reconcile_tx(config, an, sa, have.as_ref(), &used)?,
            }
        }
        self.reconcile_rx(config)?;
        self.set_encoding_sa(config.encodingsa as u8)?;
        Ok(())
    }

    /// Reset the card, then program `config` as written: every SA starts at its configured PN.
    /// Under a key the card had already used, that reuses PNs.
    pub fn apply_fresh(&mut self, config: &Config) -> Result<()> {
        config.build(macsec_model::Backend::Ring).map_err(invalid)?;
        self.reset()?;
        self.apply(config)
    }

    fn reconcile_tx(
        &mut self,
        config: &Config,
        an: u8,
        sa: &SaConfig,
        have: Option<&TxSaState>,
        used: &HashMap<KeyId, Used>,
    ) -> Result<()> {
        let mut p = tx_params(config, sa);
        let id = sa.effective_key_id();
        let xpn = config.cipher.is_xpn();
        // Never back to a PN the key has used (exhausted keys were refused up front).
        if let Some(Used::Next(pn)) = used.get(&id) {
            p.next_pn = p.next_pn.max(*pn);
        }
        // Kept as it is: the same key and settings, and no configured PN beyond the card's (a
        // higher one is a jump ahead, which is safe, and needs the SA written again).
        let same = have.is_some_and(|h| {
            h.key_id == id
                && h.confidentiality == p.confidentiality
                && (!xpn || (Some(h.ssci) == p.ssci && Some(h.salt) == p.salt))
                && h.next_pn.is_some_and(|pn| p.next_pn <= pn)
        });
        match have {
            Some(h) if same => {
                if h.enabled != p.enable {
                    self.enable_tx_sa(an, p.enable)?;
                }
                Ok(())
            }
            _ => self.install_tx_sa_with_id(an, &p, id),
        }
    }

    fn reconcile_rx(&mut self, config: &Config) -> Result<()> {
        let want: Vec<(Sci, bool)> = config
            .rx_sc
            .iter()
            .enumerate()
            .map(|(i, sc)| Ok((sc.sci(i).map_err(invalid)?, sc.on)))
            .collect::<Result<_>>()?;
        for sci in self.rx_slots.clone().into_iter().flatten() {
            if !want.iter().any(|(w, _)| *w == sci) {
                self.remove_rx_sc(sci)?;
            }
        }
        let xpn = config.cipher.is_xpn();
        for (sc, &(sci, on)) in config.rx_sc.iter().zip(&want) {
            match self.rx_sc_slot(sci) {
                Some(slot) => {
                    let st = self.rx_sc_state(slot)?;
                    if st.map(|s| s.enabled) != Some(on) {
                        self.enable_rx_sc(sci, on)?;
                    }
                }
                None => {
                    self.add_rx_sc(sci, on)?;
                }
            }
            for an in 0..4u8 {
                let have: Option<RxSaState> = self.rx_sa_state(sci, an)?;
                let Some(sa) = sc.sa.iter().find(|sa| sa.an == an as u64) else {
                    if have.is_some() {
                        self.remove_rx_sa(sci, an)?;
                    }
                    continue;
                };
                let p = rx_params(sa);
                let id = sa.effective_key_id();
                let same = have.is_some_and(|h| {
                    h.key_id == id && (!xpn || (Some(h.ssci) == p.ssci && Some(h.salt) == p.salt))
                });
                match have {
                    // The same key: its replay state stays (PNs only rise).
                    Some(h) if same => {
                        if h.enabled != p.enable {
                            self.enable_rx_sa(sci, an, p.enable)?;
                        }
                        let lowest = p.lowest_pn.unwrap_or(0);
                        if p.next_pn > h.next_pn || lowest > h.lowest_pn {
                            self.update_rx_sa_pn(sci, an, p.next_pn, lowest)?;
                        }
                    }
                    _ => self.install_rx_sa_with_id(sci, an, &p, id)?,
                }
            }
        }
        Ok(())
    }
}
