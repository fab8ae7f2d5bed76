//! A reset in the middle of traffic: frames stream through both pipelines, the engine is reset
//! at a random cycle while some are inside it — by the driver (CONTROL.RESET) or by its reset
//! pin, held two cycles — and the driver programs it again.
//! What left whole before the reset must be what the golden SecY says, in order; nothing from
//! before it may leave, move a counter or hold an SA afterwards — the rest of the scenario runs
//! on the reset engine against a golden SecY that starts afresh, and its frames, PN events and
//! counters are compared as in any other scenario.

use macsec_model::SecY;
use rand::rngs::StdRng;
use rand::Rng;

use super::compare::{egress_expect, ingress_expect, judge, Expect, Mismatch};
use super::lockstep::Bench;
use super::scenario::Scenario;
use super::stimulus::{egress_frame, ingress_frame};
use super::stream::{stream, Port};
use super::Report;
use macsec_hdl::engine::sim::OutFrame;

impl Bench<'_> {
    pub(super) fn reset_mid_traffic(
        &mut self,
        sc: &mut Scenario,
        rng: &mut StdRng,
        golden: &mut SecY,
        rep: &mut Report,
        begin: u64,
    ) -> Result<(), String> {
        let (ne, ni) = (rng.gen_range(1..8), rng.gen_range(1..8));
        let mut events = (0, 0);
        let egress: Vec<Expect> = (0..ne)
            .map(|_| egress_expect(golden, egress_frame(sc, rng, None), &mut events).0)
            .collect();
        let mut wire = Vec::new();
        let mut ingress = Vec::with_capacity(ni);
        for _ in 0..ni {
            let (w, _) = ingress_frame(sc, rng, None, &wire);
            wire.push(w.clone());
            ingress.push(ingress_expect(golden, self.card, w).0);
        }
        fn port(v: &[Expect]) -> Port<'_> {
            Port {
                frames: v.iter().map(|e| (&e.input[..], 0)).collect(),
                hold: None,
                flood: false,
            }
        }
        // Anywhere from the first beat to about when the last frame would be out.
        let beats: usize = egress
            .iter()
            .chain(&ingress)
            .map(|e| e.input.len() / 16 + 1)
            .sum();
        let t0 = self.dev.with_card(|c| c.sim().cycles);
        let stop = t0 + rng.gen_range(1..beats as u64 + 60);
        let pin = rng.gen_bool(0.5);
        let a = stream(
            self.dev,
            port(&egress),
            port(&ingress),
            None,
            begin,
            Some(stop),
        );
        if pin {
            self.dev.with_card(|c| c.pin_reset());
        }
        // apply_fresh starts with CONTROL.RESET.
        self.card
            .apply_fresh(&sc.cfg)
            .and_then(|_| self.card.enable(true))
            .map_err(|e| format!("scenario {}: programming after a reset: {e}", sc.index))?;
        self.tamper_if_asked(sc)?;
        // Frames whose last beat left at the reset's own edge are out whole too.
        let (late_e, late_i) = self.dev.with_card(|c| {
            let s = c.sim();
            let e: Vec<OutFrame> = std::iter::from_fn(|| s.egress_out()).collect();
            let i: Vec<OutFrame> = std::iter::from_fn(|| s.ingress_out()).collect();
            (e, i)
        });
        let now = self.dev.with_card(|c| c.sim().cycles) - begin;
        let mut out = 0;
        for (dir, exp, got) in [
            ("egress", &egress, a.egress.out.into_iter().chain(late_e)),
            ("ingress", &ingress, a.ingress.out.into_iter().chain(late_i)),
        ] {
            let got: Vec<OutFrame> = got.collect();
            out += got.len();
            for (i, o) in got.iter().enumerate() {
                let what = match exp.get(i) {
                    Some(e) => judge(e, Some(o)),
                    None => Some(format!("{} frames left for {} sent", got.len(), exp.len())),
                };
                if let Some(what) = what {
                    rep.mismatches.push(Mismatch {
                        scenario: sc.index,
                        direction: dir,
                        frame: i,
                        what: format!(
                            "before a reset ({}): {what}",
                            if pin { "pin" } else { "CONTROL.RESET" }
                        ),
                        input: exp.get(i).map(|e| e.input.clone()).unwrap_or_default(),
                        want: exp.get(i).and_then(|e| e.data.clone()),
                        got: Some(o.data.clone()),
                        cycles: (0, now),
                    });
                }
            }
        }
        rep.resets += 1;
        rep.pin_resets += pin as u64;
        rep.coverage.reset(sc.suite, pin);
        rep.frames_cut += (ne + ni).saturating_sub(out) as u64;
        Ok(())
    }
}
