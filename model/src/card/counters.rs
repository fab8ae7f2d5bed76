//! The counter catalogue of the register map, read from a golden SecY: what a card's COUNTERS
//! window must return, so scoreboards can compare any card against the model.

use crate::regmap::Scope;
use crate::sci::Sci;
use crate::secy::{SecY, TxCounter};

/// The value of counter `id` of `scope` entity `index` (see the catalogue), where `slot_sci`
/// names the SCI in each receive SC slot. `None` for an unknown or empty selection.
pub fn counter_value(
    secy: &SecY,
    scope: Option<Scope>,
    index: usize,
    id: u32,
    slot_sci: &dyn Fn(usize) -> Option<Sci>,
) -> Option<u64> {
    let st = secy.stats();
    match scope? {
        Scope::SecY => Some(match id {
            0..=11 => st.in_pkts[id as usize],
            12..=17 => st.out_pkts[TxCounter::ALL[(id - 12) as usize].index()],
            18 => st.in_octets_validated,
            19 => st.in_octets_decrypted,
            20 => st.out_octets_protected,
            21 => st.out_octets_encrypted,
            22 => st.in_pkts_unknown_sci,
            23 => st.in_pkts_no_sci,
            _ => return None,
        }),
        Scope::TxSc => {
            let t = &secy.tx_sc().stats;
            [
                t.out_pkts_protected,
                t.out_pkts_encrypted,
                t.out_octets_protected,
                t.out_octets_encrypted,
            ]
            .get(id as usize)
            .copied()
        }
        Scope::TxSa => {
            let t = &secy.tx_sa(u8::try_from(index).ok()?)?.stats;
            [t.out_pkts_protected, t.out_pkts_encrypted]
                .get(id as usize)
                .copied()
        }
        Scope::RxSc => {
            let sci = slot_sci(index)?;
            let t = &secy.rx_scs().iter().find(|sc| sc.sci == sci)?.stats;
            [
                t.in_pkts_ok,
                t.in_pkts_unchecked,
                t.in_pkts_delayed,
                t.in_pkts_late,
                t.in_pkts_invalid,
                t.in_pkts_not_valid,
                t.in_pkts_unused_sa,
                t.in_pkts_not_using_sa,
                t.in_octets_validated,
                t.in_octets_decrypted,
            ]
            .get(id as usize)
            .copied()
        }
        Scope::RxSa => {
            let sci = slot_sci(index / 4)?;
            let t = &secy.rx_sa(sci, (index % 4) as u8)?.stats;
            [
                t.in_pkts_ok,
                t.in_pkts_invalid,
                t.in_pkts_not_valid,
                t.in_pkts_unused_sa,
                t.in_pkts_not_using_sa,
            ]
            .get(id as usize)
            .copied()
        }
    }
}
