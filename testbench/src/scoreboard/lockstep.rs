//! One scenario in lockstep: program the engine through the driver, work out what the golden
//! SecY does with every frame, stream the frames through the engine, and compare every frame
//! that left, its status word, the PN events and every counter. Some scenarios rekey half way
//! through the egress traffic: the driver installs the next SA and arms the switchover, and the
//! golden SecY switches its encoding SA at the same frame.

use macsec_driver::conformance::golden_counters;
use macsec_driver::sim::SimDevice;
use macsec_driver::Card;
use macsec_model::{Backend, Sak, SecY};
use rand::rngs::StdRng;
use rand::Rng;

use super::compare::{check, egress_expect, ingress_expect, Expect, Mismatch, VcdWindow};
use super::overrun::{flood_expect, flood_hold};
use super::scenario::Scenario;
use super::stimulus::{egress_frame, ingress_frame};
use super::stream::{stream, Port};
use super::{hold_pattern, Params, Report};
use crate::hdl_card::HdlCard;

/// The engine, its driver and the run's parameters.
pub struct Bench<'a> {
    pub dev: &'a SimDevice<HdlCard>,
    pub card: &'a mut Card,
    pub p: &'a Params,
    pub window: Option<VcdWindow>,
}

fn gap(rng: &mut StdRng, gaps: bool) -> usize {
    if gaps && rng.gen_bool(0.3) {
        rng.gen_range(1..40)
    } else {
        0
    }
}

fn err(sc: &Scenario, what: &'static str) -> impl Fn(macsec_driver::DriverError) -> String {
    let k = sc.index;
    move |e| format!("scenario {k}: {what}: {e}")
}

fn port(v: &[(Expect, usize)], hold: Option<super::stream::Hold>) -> Port<'_> {
    Port {
        frames: v.iter().map(|(e, g)| (&e.input[..], *g)).collect(),
        hold,
        flood: false,
    }
}

impl Bench<'_> {
    pub fn scenario(
        &mut self,
        sc: &mut Scenario,
        rng: &mut StdRng,
        (ne, ni): (usize, usize),
        rep: &mut Report,
    ) -> Result<(), String> {
        let begin = self.dev.with_card(|c| c.sim().cycles);
        // Each scenario starts on a reset engine (its golden SecY starts afresh too).
        self.card
            .apply_fresh(&sc.cfg)
            .and_then(|_| self.card.enable(true))
            .map_err(err(sc, "programming"))?;
        self.tamper_if_asked(sc)?;
        let build = |sc: &Scenario| {
            sc.cfg
                .build(Backend::Ring)
                .map_err(|e| format!("scenario {}: {e}", sc.index))
        };
        let mut golden = build(sc)?;
        let fixed = self.p.size;
        if fixed.is_none() && rng.gen_bool(0.2) {
            // Traffic cut by CONTROL.RESET, the engine programmed again: the rest of the
            // scenario runs on it, against a golden SecY that starts afresh.
            self.reset_mid_traffic(sc, rng, &mut golden, rep, begin)?;
            golden = build(sc)?;
        }
        let gaps = fixed.is_none() && rng.gen_bool(0.5);
        let holds = fixed.is_none() && rng.gen_bool(0.3);
        // Ingress frames back to back whatever the engine's room, the output held long: the
        // input FIFO overflows (expectations once the stream says which frames it dropped).
        let flood = fixed.is_none() && ni > 0 && rng.gen_bool(0.1);
        let rekey = fixed.is_none() && sc.cfg.protect && ne >= 4 && rng.gen_bool(0.3);
        let half = if rekey { ne / 2 } else { ne };
        let mut events = (0u8, 0u8);
        // The first part of the egress and all the ingress, in order.
        let egress = self.egress(sc, rng, &mut golden, half, gaps, &mut events, rep);
        let mut ingress = Vec::with_capacity(ni);
        let mut flooded = Vec::new();
        let mut wire: Vec<Vec<u8>> = Vec::with_capacity(ni);
        for _ in 0..ni {
            let (w, fault) = ingress_frame(sc, rng, fixed, &wire);
            wire.push(w.clone());
            if flood {
                flooded.push((w, fault));
                continue;
            }
            let (e, c) = ingress_expect(&mut golden, self.card, w);
            rep.coverage
                .ingress(sc.suite, sc.protection, c, e.input.len(), fault);
            ingress.push((e, gap(rng, gaps)));
        }
        let (eh, ih) = (
            holds.then(|| hold_pattern(rng)),
            if flood {
                Some(flood_hold(rng))
            } else {
                holds.then(|| hold_pattern(rng))
            },
        );
        let i_port = if flood {
            Port {
                frames: flooded.iter().map(|(w, _)| (&w[..], 0)).collect(),
                hold: ih,
                flood: true,
            }
        } else {
            port(&ingress, ih)
        };
        let mut a = stream(
            self.dev,
            port(&egress, eh),
            i_port,
            self.window,
            begin,
            None,
        );
        let bounds = (a.t0, a.now, begin);
        self.account(rep, &a);
        let exp = |v: &[(Expect, usize)]| v.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
        let i_exp = if flood {
            rep.floods += 1;
            flood_expect(&mut golden, self.card, sc, flooded, &mut a.ingress, rep)
        } else {
            exp(&ingress)
        };
        check(
            rep,
            sc.index,
            "egress",
            0,
            &exp(&egress),
            &a.egress,
            bounds,
            holds,
        );
        check(
            rep, sc.index, "ingress", 0, &i_exp, &a.ingress, bounds, holds,
        );
        if rekey {
            rep.rekeys += 1;
            self.rekey(sc, rng, &mut golden)?;
            let rest = self.egress(sc, rng, &mut golden, ne - half, gaps, &mut events, rep);
            let b = stream(
                self.dev,
                port(&rest, None),
                port(&[], None),
                self.window,
                begin,
                None,
            );
            self.account(rep, &b);
            let bounds = (b.t0, b.now, begin);
            check(
                rep,
                sc.index,
                "egress",
                half,
                &exp(&rest),
                &b.egress,
                bounds,
                false,
            );
        }
        let now = self.dev.with_card(|c| c.sim().cycles) - begin;
        let got = self.card.take_pn_events().map_err(err(sc, "PN events"))?;
        rep.pn_events += (events.0.count_ones() + events.1.count_ones()) as u64;
        if got != events {
            rep.mismatches.push(Mismatch::of_scenario(
                sc.index,
                format!(
                    "PN events (threshold, exhausted bitmaps): engine {got:?}, golden {events:?}"
                ),
                now,
            ));
        }
        // The interface's own rules (an AXI top's handshakes; none on the native pins).
        for e in self.dev.with_card(|c| c.sim().protocol_errors()) {
            rep.mismatches.push(Mismatch::of_scenario(
                sc.index,
                format!("interface: {e}"),
                now,
            ));
        }
        let got = self.card.counters().map_err(err(sc, "reading counters"))?;
        let want = golden_counters(&golden, self.card, &got);
        rep.counters_compared += got.len() as u64;
        for (k, v) in &got {
            if want.get(k) != Some(v) {
                let w = want.get(k).copied().unwrap_or(0);
                rep.mismatches.push(Mismatch::of_scenario(
                    sc.index,
                    format!("{k}: engine {v}, golden {w}"),
                    now,
                ));
            }
        }
        Ok(())
    }

    /// The next `n` egress frames and what the golden SecY does with them.
    #[allow(clippy::too_many_arguments)]
    fn egress(
        &self,
        sc: &Scenario,
        rng: &mut StdRng,
        golden: &mut SecY,
        n: usize,
        gaps: bool,
        events: &mut (u8, u8),
        rep: &mut Report,
    ) -> Vec<(Expect, usize)> {
        (0..n)
            .map(|_| {
                let f = egress_frame(sc, rng, self.p.size);
                let (e, c) = egress_expect(golden, f, events);
                rep.coverage
                    .egress(sc.suite, sc.protection, c, e.input.len());
                (e, gap(rng, gaps))
            })
            .collect()
    }

    /// A new SAK on the AN after the encoding SA, PN 1: the driver installs it and arms the
    /// switchover (taken by the engine on the next frame), the golden SecY installs it and
    /// switches now (no frame is in flight).
    fn rekey(&mut self, sc: &Scenario, rng: &mut StdRng, golden: &mut SecY) -> Result<(), String> {
        let sa = &sc.cfg.tx_sa[0];
        let mut p = sa
            .tx_params(sc.cfg.encrypt)
            .map_err(|e| format!("scenario {}: {e}", sc.index))?;
        let key: Vec<u8> = (0..p.sak.as_bytes().len()).map(|_| rng.gen()).collect();
        p.sak = Sak::new(&key).map_err(|e| format!("scenario {}: {e}", sc.index))?;
        p.next_pn = 1;
        let an = self.card.rekey(&p).map_err(err(sc, "rekey"))?;
        golden
            .install_tx_sa(an, &p)
            .and_then(|_| golden.set_encoding_sa(an))
            .map_err(|e| format!("scenario {}: golden rekey: {e}", sc.index))?;
        Ok(())
    }

    /// With `--tamper`, one bit of the engine's transmit SCI flipped behind the driver's back.
    pub(super) fn tamper_if_asked(&mut self, sc: &Scenario) -> Result<(), String> {
        if self.p.tamper {
            use macsec_model::regmap::secy::TX_SCI_LO;
            let io = self.card.device();
            io.read32(TX_SCI_LO.offset)
                .and_then(|v| io.write32(TX_SCI_LO.offset, v ^ 1))
                .map_err(err(sc, "tampering"))?;
        }
        Ok(())
    }

    fn account(&self, rep: &mut Report, s: &super::stream::Streamed) {
        rep.stream_seconds += s.seconds;
        rep.stream_cycles += s.now - s.t0;
        if self.window.is_some() && !s.vcd.is_empty() {
            rep.vcd = s.vcd.clone();
        }
    }
}
