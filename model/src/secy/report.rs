//! The counters as one JSON object: the 802.1AE-2018 names at the top level with SecY-wide
//! totals, then the 2006/Linux breakdown, our extensions, and per-SC/SA detail.

use serde_json::{json, Map, Value};

use super::stats::{RxCounter, TxCounter};
use super::SecY;

impl SecY {
    /// The counters and PN state, for `--stats` files and scoreboards.
    pub fn stats_json(&self) -> Value {
        let s = &self.stats;
        let mut top = Map::new();
        for c in RxCounter::ALL {
            top.insert(c.name().into(), s.rx(c).into());
        }
        top.insert("InOctetsValidated".into(), s.in_octets_validated.into());
        top.insert("InOctetsDecrypted".into(), s.in_octets_decrypted.into());
        let mut ext = Map::new();
        for c in TxCounter::ALL {
            let dst = if c.is_extension() { &mut ext } else { &mut top };
            dst.insert(c.name().into(), s.tx(c).into());
        }
        top.insert("OutOctetsProtected".into(), s.out_octets_protected.into());
        top.insert("OutOctetsEncrypted".into(), s.out_octets_encrypted.into());
        top.insert("extensions".into(), Value::Object(ext));
        top.insert(
            "ieee8021ae_2006".into(),
            json!({
                "InPktsUnknownSCI": s.in_pkts_unknown_sci,
                "InPktsNoSCI": s.in_pkts_no_sci,
            }),
        );
        let tx = &self.tx_sc;
        let tx_sas: Vec<Value> = tx
            .sas
            .iter()
            .enumerate()
            .filter_map(|(an, sa)| sa.as_ref().map(|sa| (an, sa)))
            .map(|(an, sa)| {
                json!({
                    "an": an,
                    // An exhausted SA has no next PN (null), never the one it used last.
                    "next_pn": (!sa.exhausted).then_some(sa.next_pn),
                    "enabled": sa.enabled,
                    "confidentiality": sa.confidentiality,
                    "threshold_reached": sa.threshold_reached,
                    "exhausted": sa.exhausted,
                    "stats": sa.stats,
                })
            })
            .collect();
        top.insert(
            "tx_sc".into(),
            json!({
                "sci": tx.sci,
                "encoding_sa": tx.encoding_sa,
                "stats": tx.stats,
                "sa": tx_sas,
            }),
        );
        let rx: Vec<Value> = self
            .rx_scs
            .iter()
            .map(|sc| {
                let sas: Vec<Value> = sc
                    .sas
                    .iter()
                    .enumerate()
                    .filter_map(|(an, sa)| sa.as_ref().map(|sa| (an, sa)))
                    .map(|(an, sa)| {
                        json!({
                            "an": an,
                            "next_pn": sa.next_pn,
                            "lowest_pn": sa.lowest_pn,
                            "enabled": sa.enabled,
                            "stats": sa.stats,
                        })
                    })
                    .collect();
                json!({ "sci": sc.sci, "enabled": sc.enabled, "stats": sc.stats, "sa": sas })
            })
            .collect();
        top.insert("rx_sc".into(), Value::Array(rx));
        Value::Object(top)
    }
}
