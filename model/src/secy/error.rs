//! Why a SecY, SC or SA setting was refused.

use thiserror::Error;

use crate::cipher::{CipherSuite, KeyError};
use crate::sci::Sci;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConfigError {
    #[error("{suite} needs a {expected}-octet key, got {got} octets")]
    KeyLength {
        suite: CipherSuite,
        expected: usize,
        got: usize,
    },
    #[error("AN {0} is out of range (0..3)")]
    AnOutOfRange(u64),
    #[error("{0} needs both an SSCI and a salt for every SA")]
    XpnNeedsSsciAndSalt(CipherSuite),
    #[error("PN {pn:#x} is out of range for {suite} (1..={max:#x})")]
    PnOutOfRange {
        pn: u64,
        suite: CipherSuite,
        max: u64,
    },
    #[error("confidentiality offset {0} is not 0, 30 or 50")]
    BadOffset(u64),
    #[error("{0} has no confidentiality offset (802.1AE-2018 Table 14-1); use offset 0")]
    OffsetWithXpn(CipherSuite),
    #[error("no receive SC with SCI {0}")]
    UnknownRxSc(Sci),
    #[error("a receive SC with SCI {0} already exists")]
    DuplicateRxSc(Sci),
    #[error("the cipher suite cannot change while SAs are installed")]
    SuiteChangeWithSas,
    #[error("send_sci and end_station cannot both be on: an end station's SCI is implicit")]
    SciWithEndStation,
    #[error("give pn or xpn, not both")]
    PnAndXpn,
    #[error("AN {0} is given twice (an SC has one SA per AN)")]
    DuplicateAn(u8),
    #[error("the same SAK as tx_sa[{0}]: two transmit SAs under one key would reuse its PNs")]
    SharedTxKey(usize),
    #[error("{0} applies to {1} SAs only")]
    WrongDirection(&'static str, &'static str),
    #[error("{0}")]
    Key(#[from] KeyError),
}
