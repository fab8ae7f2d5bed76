//! Secure Associations (802.1AE-2018 7.1.3, 10.7.13–10.7.15, 10.7.22–10.7.24): a key, the PN state
//! and the per-SA counters.

use std::fmt;

use crate::cipher::{Aead, Backend, CipherSuite, IvForm, Sak, Salt};
use crate::sci::Sci;

use super::error::ConfigError;
use super::stats::{RxSaStats, TxSaStats};

/// What the KaY hands over to create a transmit SA.
#[derive(Clone, Debug)]
pub struct TxSaParams {
    pub sak: Sak,
    /// The PN of the first frame (1 for a fresh SAK).
    pub next_pn: u64,
    /// XPN only.
    pub ssci: Option<u32>,
    /// XPN only.
    pub salt: Option<Salt>,
    /// Encrypt (E=C=1) or integrity only.
    pub confidentiality: bool,
    /// enableTransmit.
    pub enable: bool,
}

/// What the KaY hands over to create a receive SA.
#[derive(Clone, Debug)]
pub struct RxSaParams {
    pub sak: Sak,
    /// The next PN expected.
    pub next_pn: u64,
    /// The lowest acceptable PN; by default nextPN − replayWindow (at least 1).
    pub lowest_pn: Option<u64>,
    pub ssci: Option<u32>,
    pub salt: Option<Salt>,
    /// enableReceive.
    pub enable: bool,
}

/// Check a key, PN and the XPN parameters against the suite and build the AEAD and IV form.
fn prepare(
    suite: CipherSuite,
    backend: Backend,
    sci: Sci,
    sak: &Sak,
    pn: u64,
    ssci: Option<u32>,
    salt: Option<Salt>,
) -> Result<(Box<dyn Aead>, IvForm), ConfigError> {
    if sak.len() != suite.key_len() {
        return Err(ConfigError::KeyLength {
            suite,
            expected: suite.key_len(),
            got: sak.len(),
        });
    }
    check_pn(suite, pn)?;
    let iv = if suite.is_xpn() {
        match (ssci, salt) {
            (Some(ssci), Some(salt)) => IvForm::xpn(ssci, &salt),
            _ => return Err(ConfigError::XpnNeedsSsciAndSalt(suite)),
        }
    } else {
        IvForm::sci(sci)
    };
    Ok((backend.aead(sak), iv))
}

/// A PN a frame may carry: 1 ..= 2^32−1 (2^64−1 for XPN). PN 0 is never used (14.1).
pub(crate) fn check_pn(suite: CipherSuite, pn: u64) -> Result<(), ConfigError> {
    if pn == 0 || pn > suite.max_pn() {
        return Err(ConfigError::PnOutOfRange {
            pn,
            suite,
            max: suite.max_pn(),
        });
    }
    Ok(())
}

/// A transmit SA.
pub struct TxSa {
    pub(crate) aead: Box<dyn Aead>,
    pub(crate) iv: IvForm,
    /// The PN the next frame takes. Once it passes the suite's maximum the SA is exhausted.
    pub next_pn: u64,
    pub confidentiality: bool,
    pub enabled: bool,
    /// Set when a PN at or above the threshold has been used (the rekey request).
    pub threshold_reached: bool,
    /// Set when the last PN has been used; the SA sends nothing more.
    pub exhausted: bool,
    pub stats: TxSaStats,
}

impl TxSa {
    pub(crate) fn new(
        suite: CipherSuite,
        backend: Backend,
        sci: Sci,
        p: &TxSaParams,
    ) -> Result<TxSa, ConfigError> {
        let (aead, iv) = prepare(suite, backend, sci, &p.sak, p.next_pn, p.ssci, p.salt)?;
        Ok(TxSa {
            aead,
            iv,
            next_pn: p.next_pn,
            confidentiality: p.confidentiality,
            enabled: p.enable,
            threshold_reached: false,
            exhausted: false,
            stats: TxSaStats::default(),
        })
    }
}

impl fmt::Debug for TxSa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TxSa")
            .field("next_pn", &self.next_pn)
            .field("confidentiality", &self.confidentiality)
            .field("enabled", &self.enabled)
            .field("threshold_reached", &self.threshold_reached)
            .field("exhausted", &self.exhausted)
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

/// A receive SA.
pub struct RxSa {
    pub(crate) aead: Box<dyn Aead>,
    pub(crate) iv: IvForm,
    /// One more than the highest PN of a valid frame (or the KaY's value).
    pub next_pn: u64,
    /// The lowest acceptable PN (10.6.2), kept apart from nextPN.
    pub lowest_pn: u64,
    pub enabled: bool,
    pub stats: RxSaStats,
}

impl RxSa {
    pub(crate) fn new(
        suite: CipherSuite,
        backend: Backend,
        sci: Sci,
        p: &RxSaParams,
        window: u64,
    ) -> Result<RxSa, ConfigError> {
        let (aead, iv) = prepare(suite, backend, sci, &p.sak, p.next_pn, p.ssci, p.salt)?;
        let lowest_pn = match p.lowest_pn {
            Some(l) => {
                check_pn(suite, l)?;
                l
            }
            None => p.next_pn.saturating_sub(window).max(1),
        };
        Ok(RxSa {
            aead,
            iv,
            next_pn: p.next_pn,
            lowest_pn,
            enabled: p.enable,
            stats: RxSaStats::default(),
        })
    }
}

impl fmt::Debug for RxSa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RxSa")
            .field("next_pn", &self.next_pn)
            .field("lowest_pn", &self.lowest_pn)
            .field("enabled", &self.enabled)
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}
