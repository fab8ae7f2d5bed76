//! Counters through the COUNTERS window: each a 64-bit value latched on the LO read.

use std::collections::BTreeMap;

use macsec_model::regmap::counters::{self, window as cw};
use macsec_model::regmap::Scope;

use crate::card::Card;
use crate::error::{DriverError, Result};

/// Every counter of the card, by "Scope[index].Name" (e.g. "SecY.InPktsOK", "RxSA[4].InPktsOK").
pub type CardCounters = BTreeMap<String, u64>;

impl Card {
    /// One 64-bit counter.
    pub fn counter(&self, scope: Scope, index: u32, id: u32) -> Result<u64> {
        let sel = cw::SEL_ID.val(id) | cw::SEL_INDEX.val(index) | cw::SEL_SCOPE.val(scope as u32);
        self.dev.write32(cw::SEL.offset, sel)?;
        let lo = self.dev.read32(cw::LO.offset)?;
        let hi = self.dev.read32(cw::HI.offset)?;
        if lo == u32::MAX
            && hi == u32::MAX
            && self.dev.read32(macsec_model::regmap::card::ID.offset)? == u32::MAX
        {
            return Err(DriverError::SurpriseRemoval);
        }
        Ok((hi as u64) << 32 | lo as u64)
    }

    /// The SecY-wide counters by their 802.1AE names.
    pub fn secy_counters(&self) -> Result<BTreeMap<&'static str, u64>> {
        counters::of_scope(Scope::SecY)
            .map(|c| Ok((c.name, self.counter(Scope::SecY, 0, c.id)?)))
            .collect()
    }

    /// Every counter: SecY, transmit SC and SAs, and each programmed receive SC and its SAs.
    pub fn counters(&self) -> Result<CardCounters> {
        let mut out = CardCounters::new();
        let mut put = |scope: Scope, index: Option<u32>| -> Result<()> {
            for c in counters::of_scope(scope) {
                let v = self.counter(scope, index.unwrap_or(0), c.id)?;
                let key = match index {
                    Some(i) => format!("{}[{i}].{}", scope.name(), c.name),
                    None => format!("{}.{}", scope.name(), c.name),
                };
                out.insert(key, v);
            }
            Ok(())
        };
        put(Scope::SecY, None)?;
        put(Scope::TxSc, None)?;
        for an in 0..4 {
            put(Scope::TxSa, Some(an))?;
        }
        for (slot, sci) in self.rx_slots.iter().enumerate() {
            if sci.is_some() {
                put(Scope::RxSc, Some(slot as u32))?;
                for an in 0..4 {
                    put(Scope::RxSa, Some(4 * slot as u32 + an))?;
                }
            }
        }
        Ok(out)
    }
}
