//! The MAC Security Entity (802.1AE-2018 clause 10): its SCs and SAs, its management operations
//! (10.7), and — in [`tx`] and [`rx`] — Secure Frame Generation and Verification.

mod controls;
mod error;
mod pn;
mod report;
mod rx;
mod sa;
mod sc;
mod stats;
mod tx;

pub use controls::{SecYControls, ValidateFrames, XPN_MAX_REPLAY_WINDOW};
pub use error::ConfigError;
pub use pn::recover_xpn;
pub use rx::RxResult;
pub use sa::{RxSa, RxSaParams, TxSa, TxSaParams};
pub use sc::{RxSc, TxSc};
pub use stats::{RxCounter, RxSaStats, RxScStats, SecYStats, TxCounter, TxSaStats, TxScStats};
pub use tx::{PnEvent, TxResult};

use crate::cipher::Backend;
use crate::sci::Sci;

use sc::check_an;

/// One SecY: one transmit SC, any number of receive SCs, the counters.
#[derive(Debug)]
pub struct SecY {
    controls: SecYControls,
    backend: Backend,
    tx_sc: TxSc,
    rx_scs: Vec<RxSc>,
    stats: SecYStats,
}

fn check_controls(c: &SecYControls) -> Result<(), ConfigError> {
    if !matches!(c.confidentiality_offset, 0 | 30 | 50) {
        return Err(ConfigError::BadOffset(c.confidentiality_offset as u64));
    }
    if c.cipher_suite.is_xpn() && c.confidentiality_offset != 0 {
        return Err(ConfigError::OffsetWithXpn(c.cipher_suite));
    }
    Ok(())
}

impl SecY {
    /// A SecY transmitting with SCI `tx_sci`, with no SAs yet.
    pub fn new(controls: SecYControls, tx_sci: Sci, backend: Backend) -> Result<SecY, ConfigError> {
        check_controls(&controls)?;
        Ok(SecY {
            controls,
            backend,
            tx_sc: TxSc::new(tx_sci),
            rx_scs: Vec::new(),
            stats: SecYStats::default(),
        })
    }

    pub fn controls(&self) -> &SecYControls {
        &self.controls
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Change the controls; the cipher suite may only change while no SA is installed.
    pub fn set_controls(&mut self, controls: SecYControls) -> Result<(), ConfigError> {
        check_controls(&controls)?;
        let has_sas = self.tx_sc.sas.iter().any(Option::is_some)
            || self
                .rx_scs
                .iter()
                .any(|sc| sc.sas.iter().any(Option::is_some));
        if controls.cipher_suite != self.controls.cipher_suite && has_sas {
            return Err(ConfigError::SuiteChangeWithSas);
        }
        self.controls = controls;
        Ok(())
    }

    /// Change the transmit SCI; installed GCM-AES SAs form their IVs from the new one.
    pub fn set_tx_sci(&mut self, sci: Sci) {
        self.tx_sc.sci = sci;
        for sa in self.tx_sc.sas.iter_mut().flatten() {
            if let crate::cipher::IvForm::Sci(_) = sa.iv {
                sa.iv = crate::cipher::IvForm::sci(sci);
            }
        }
    }

    /// Remove every SA, transmit and receive (the SCs stay).
    pub fn remove_all_sas(&mut self) {
        self.tx_sc.sas = [None, None, None, None];
        for sc in &mut self.rx_scs {
            sc.sas = [None, None, None, None];
        }
    }

    pub fn tx_sc(&self) -> &TxSc {
        &self.tx_sc
    }

    pub fn rx_scs(&self) -> &[RxSc] {
        &self.rx_scs
    }

    pub fn stats(&self) -> &SecYStats {
        &self.stats
    }

    /// Install (or replace) the transmit SA for `an`.
    pub fn install_tx_sa(&mut self, an: u8, p: &TxSaParams) -> Result<(), ConfigError> {
        let i = check_an(an)?;
        let sa = TxSa::new(self.controls.cipher_suite, self.backend, self.tx_sc.sci, p)?;
        self.tx_sc.sas[i] = Some(sa);
        Ok(())
    }

    pub fn remove_tx_sa(&mut self, an: u8) -> Result<(), ConfigError> {
        self.tx_sc.sas[check_an(an)?] = None;
        Ok(())
    }

    pub fn tx_sa(&self, an: u8) -> Option<&TxSa> {
        self.tx_sc.sas.get(an as usize)?.as_ref()
    }

    /// enableTransmit of an installed SA.
    pub fn enable_tx_sa(&mut self, an: u8, enable: bool) -> Result<(), ConfigError> {
        if let Some(sa) = self.tx_sc.sas[check_an(an)?].as_mut() {
            sa.enabled = enable;
        }
        Ok(())
    }

    /// encodingSA: the AN of the SA that protects the next frame (AN switchover).
    pub fn set_encoding_sa(&mut self, an: u8) -> Result<(), ConfigError> {
        check_an(an)?;
        self.tx_sc.encoding_sa = an;
        Ok(())
    }

    pub fn add_rx_sc(&mut self, sci: Sci) -> Result<(), ConfigError> {
        if self.rx_scs.iter().any(|sc| sc.sci == sci) {
            return Err(ConfigError::DuplicateRxSc(sci));
        }
        self.rx_scs.push(RxSc::new(sci));
        Ok(())
    }

    pub fn remove_rx_sc(&mut self, sci: Sci) -> Result<(), ConfigError> {
        let i = self.rx_sc_index(sci)?;
        self.rx_scs.remove(i);
        Ok(())
    }

    /// Enable or disable ("receiving") a receive SC.
    pub fn enable_rx_sc(&mut self, sci: Sci, enable: bool) -> Result<(), ConfigError> {
        let i = self.rx_sc_index(sci)?;
        self.rx_scs[i].enabled = enable;
        Ok(())
    }

    fn rx_sc_index(&self, sci: Sci) -> Result<usize, ConfigError> {
        self.rx_scs
            .iter()
            .position(|sc| sc.sci == sci)
            .ok_or(ConfigError::UnknownRxSc(sci))
    }

    /// Install (or replace) the receive SA `an` of the SC `sci`.
    pub fn install_rx_sa(&mut self, sci: Sci, an: u8, p: &RxSaParams) -> Result<(), ConfigError> {
        let a = check_an(an)?;
        let i = self.rx_sc_index(sci)?;
        let window = self.controls.effective_replay_window();
        let sa = RxSa::new(self.controls.cipher_suite, self.backend, sci, p, window)?;
        self.rx_scs[i].sas[a] = Some(sa);
        Ok(())
    }

    pub fn remove_rx_sa(&mut self, sci: Sci, an: u8) -> Result<(), ConfigError> {
        let a = check_an(an)?;
        let i = self.rx_sc_index(sci)?;
        self.rx_scs[i].sas[a] = None;
        Ok(())
    }

    pub fn rx_sa(&self, sci: Sci, an: u8) -> Option<&RxSa> {
        let sc = self.rx_scs.iter().find(|sc| sc.sci == sci)?;
        sc.sas.get(an as usize)?.as_ref()
    }

    /// enableReceive of an installed SA.
    pub fn enable_rx_sa(&mut self, sci: Sci, an: u8, enable: bool) -> Result<(), ConfigError> {
        let a = check_an(an)?;
        let i = self.rx_sc_index(sci)?;
        if let Some(sa) = self.rx_scs[i].sas[a].as_mut() {
            sa.enabled = enable;
        }
        Ok(())
    }

    /// The KaY's updtLowestPN/updtNextPN (10.7.15): both only ever rise.
    pub fn update_rx_sa_pn(
        &mut self,
        sci: Sci,
        an: u8,
        next_pn: u64,
        lowest_pn: u64,
    ) -> Result<(), ConfigError> {
        let a = check_an(an)?;
        let i = self.rx_sc_index(sci)?;
        if let Some(sa) = self.rx_scs[i].sas[a].as_mut() {
            sa.next_pn = sa.next_pn.max(next_pn);
            sa.lowest_pn = sa.lowest_pn.max(lowest_pn);
        }
        Ok(())
    }
}
