//! The counters of 802.1AE-2018 10.7.9–10.7.10, 10.7.18–10.7.19, with the scopes the standard gives
//! them, the 2006/Linux breakdown of NoSA/NoSAError, and two transmit counters of our own.
//!
//! Every received frame moves exactly one [`RxCounter`] (10.7.9) and every transmitted frame exactly
//! one [`TxCounter`], so "delivered or counted" can be checked by summing.

use serde::Serialize;

/// The receive counters, one per branch of the 10.6 decision tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RxCounter {
    Untagged,
    NoTag,
    BadTag,
    NoSA,
    NoSAError,
    Overrun,
    Late,
    NotValid,
    Invalid,
    Delayed,
    Unchecked,
    OK,
}

impl RxCounter {
    pub const ALL: [RxCounter; 12] = [
        RxCounter::Untagged,
        RxCounter::NoTag,
        RxCounter::BadTag,
        RxCounter::NoSA,
        RxCounter::NoSAError,
        RxCounter::Overrun,
        RxCounter::Late,
        RxCounter::NotValid,
        RxCounter::Invalid,
        RxCounter::Delayed,
        RxCounter::Unchecked,
        RxCounter::OK,
    ];

    /// The 802.1AE-2018 name.
    pub fn name(self) -> &'static str {
        match self {
            RxCounter::Untagged => "InPktsUntagged",
            RxCounter::NoTag => "InPktsNoTag",
            RxCounter::BadTag => "InPktsBadTag",
            RxCounter::NoSA => "InPktsNoSA",
            RxCounter::NoSAError => "InPktsNoSAError",
            RxCounter::Overrun => "InPktsOverrun",
            RxCounter::Late => "InPktsLate",
            RxCounter::NotValid => "InPktsNotValid",
            RxCounter::Invalid => "InPktsInvalid",
            RxCounter::Delayed => "InPktsDelayed",
            RxCounter::Unchecked => "InPktsUnchecked",
            RxCounter::OK => "InPktsOK",
        }
    }

    /// Whether a frame counted here reaches the Controlled Port.
    pub fn delivers(self) -> bool {
        matches!(
            self,
            RxCounter::Untagged
                | RxCounter::NoSA
                | RxCounter::Invalid
                | RxCounter::Delayed
                | RxCounter::Unchecked
                | RxCounter::OK
        )
    }

    /// Counted per receive SC (10.7.9); the others are SecY-wide only.
    pub fn per_sc(self) -> bool {
        self >= RxCounter::Late
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The transmit counters: one per outcome of Secure Frame Generation (10.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TxCounter {
    /// protectFrames False: sent unchanged.
    Untagged,
    /// Larger than the Common Port allows (10.5.5); discarded.
    TooLong,
    /// Integrity only.
    Protected,
    /// Confidentiality.
    Encrypted,
    /// Not in 802.1AE: no usable transmit SA (none installed at encodingSA, not enabled, or its PN
    /// exhausted — the standard then makes MAC_Operational False, 10.5.2); discarded.
    NoSA,
    /// Not in 802.1AE: shorter than DA, SA and one octet of User Data; discarded.
    TooShort,
}

impl TxCounter {
    pub const ALL: [TxCounter; 6] = [
        TxCounter::Untagged,
        TxCounter::TooLong,
        TxCounter::Protected,
        TxCounter::Encrypted,
        TxCounter::NoSA,
        TxCounter::TooShort,
    ];

    pub fn name(self) -> &'static str {
        match self {
            TxCounter::Untagged => "OutPktsUntagged",
            TxCounter::TooLong => "OutPktsTooLong",
            TxCounter::Protected => "OutPktsProtected",
            TxCounter::Encrypted => "OutPktsEncrypted",
            TxCounter::NoSA => "OutPktsNoSA",
            TxCounter::TooShort => "OutPktsTooShort",
        }
    }

    /// Whether a frame counted here leaves on the Common Port.
    pub fn transmits(self) -> bool {
        matches!(
            self,
            TxCounter::Untagged | TxCounter::Protected | TxCounter::Encrypted
        )
    }

    /// True for our two additions, which the standard does not name.
    pub fn is_extension(self) -> bool {
        matches!(self, TxCounter::NoSA | TxCounter::TooShort)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// SecY-wide counters (the scope of MIB-2016's secyStatsTable, plus per-SC totals summed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SecYStats {
    pub in_pkts: [u64; 12],
    pub out_pkts: [u64; 6],
    pub in_octets_validated: u64,
    pub in_octets_decrypted: u64,
    pub out_octets_protected: u64,
    pub out_octets_encrypted: u64,
    /// 802.1AE-2006/Linux: InPktsNoSA because no receive SC matched.
    pub in_pkts_unknown_sci: u64,
    /// 802.1AE-2006/Linux: InPktsNoSAError because no receive SC matched.
    pub in_pkts_no_sci: u64,
}

impl SecYStats {
    pub fn rx(&self, c: RxCounter) -> u64 {
        self.in_pkts[c.index()]
    }
    pub fn tx(&self, c: TxCounter) -> u64 {
        self.out_pkts[c.index()]
    }
    pub fn rx_total(&self) -> u64 {
        self.in_pkts.iter().sum()
    }
    pub fn tx_total(&self) -> u64 {
        self.out_pkts.iter().sum()
    }
}

/// Per receive SC (10.7.9 scopes; Linux `macsec_rx_sc_stats`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RxScStats {
    #[serde(rename = "InPktsOK")]
    pub in_pkts_ok: u64,
    pub in_pkts_unchecked: u64,
    pub in_pkts_delayed: u64,
    pub in_pkts_late: u64,
    pub in_pkts_invalid: u64,
    pub in_pkts_not_valid: u64,
    /// 2006/Linux: InPktsNoSA on this SC (SA not in use).
    #[serde(rename = "InPktsUnusedSA")]
    pub in_pkts_unused_sa: u64,
    /// 2006/Linux: InPktsNoSAError on this SC (SA not in use).
    #[serde(rename = "InPktsNotUsingSA")]
    pub in_pkts_not_using_sa: u64,
    pub in_octets_validated: u64,
    pub in_octets_decrypted: u64,
}

impl RxScStats {
    pub(crate) fn count(&mut self, c: RxCounter) {
        match c {
            RxCounter::OK => self.in_pkts_ok += 1,
            RxCounter::Unchecked => self.in_pkts_unchecked += 1,
            RxCounter::Delayed => self.in_pkts_delayed += 1,
            RxCounter::Late => self.in_pkts_late += 1,
            RxCounter::Invalid => self.in_pkts_invalid += 1,
            RxCounter::NotValid => self.in_pkts_not_valid += 1,
            RxCounter::NoSA => self.in_pkts_unused_sa += 1,
            RxCounter::NoSAError => self.in_pkts_not_using_sa += 1,
            _ => {}
        }
    }
}

/// Per receive SA (Linux `macsec_rx_sa_stats`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RxSaStats {
    #[serde(rename = "InPktsOK")]
    pub in_pkts_ok: u64,
    pub in_pkts_invalid: u64,
    pub in_pkts_not_valid: u64,
    #[serde(rename = "InPktsUnusedSA")]
    pub in_pkts_unused_sa: u64,
    #[serde(rename = "InPktsNotUsingSA")]
    pub in_pkts_not_using_sa: u64,
}

impl RxSaStats {
    pub(crate) fn count(&mut self, c: RxCounter) {
        match c {
            RxCounter::OK => self.in_pkts_ok += 1,
            RxCounter::Invalid => self.in_pkts_invalid += 1,
            RxCounter::NotValid => self.in_pkts_not_valid += 1,
            RxCounter::NoSA => self.in_pkts_unused_sa += 1,
            RxCounter::NoSAError => self.in_pkts_not_using_sa += 1,
            _ => {}
        }
    }
}

/// Per transmit SC (10.7.18) and, without octets, per transmit SA.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TxScStats {
    pub out_pkts_protected: u64,
    pub out_pkts_encrypted: u64,
    pub out_octets_protected: u64,
    pub out_octets_encrypted: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TxSaStats {
    pub out_pkts_protected: u64,
    pub out_pkts_encrypted: u64,
}
