//! Secure Channels (802.1AE-2018 7.1.2, 10.7.16–10.7.21): an SCI and up to four SAs, one per AN.

use crate::sci::Sci;

use super::error::ConfigError;
use super::sa::{RxSa, TxSa};
use super::stats::{RxScStats, TxScStats};

/// Check an association number (9.6).
pub(crate) fn check_an(an: u8) -> Result<usize, ConfigError> {
    if an > 3 {
        return Err(ConfigError::AnOutOfRange(an as u64));
    }
    Ok(an as usize)
}

/// The transmit SC. The encoding SA names the SA that protects the next frame; the KaY moves it
/// to switch keys (AN switchover) between two frames.
#[derive(Debug)]
pub struct TxSc {
    pub sci: Sci,
    pub sas: [Option<TxSa>; 4],
    pub encoding_sa: u8,
    pub stats: TxScStats,
}

impl TxSc {
    pub(crate) fn new(sci: Sci) -> TxSc {
        TxSc {
            sci,
            sas: [None, None, None, None],
            encoding_sa: 0,
            stats: TxScStats::default(),
        }
    }
}

/// A receive SC, found by the SCI of the frames it receives.
#[derive(Debug)]
pub struct RxSc {
    pub sci: Sci,
    pub sas: [Option<RxSa>; 4],
    /// "receiving": a disabled SC matches no frame.
    pub enabled: bool,
    pub stats: RxScStats,
}

impl RxSc {
    pub(crate) fn new(sci: Sci) -> RxSc {
        RxSc {
            sci,
            sas: [None, None, None, None],
            enabled: true,
            stats: RxScStats::default(),
        }
    }
}
