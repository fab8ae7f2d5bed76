//! The transmit SA table (index = AN) with its PN logic: the host installs, enables and removes
//! SAs through the TABLES window; the egress takes the encoding SA's next PN for each frame, which
//! advances it and sets the threshold and exhaustion flags (802.1AE-2018 10.5.2). The IV of the
//! frame is formed here too: SCI ‖ PN, or for XPN the salt XOR (SSCI ‖ 64-bit PN).

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use macsec_model::regmap::tables::tx_sa as t;

#[derive(Clone, Copy, Default, Debug)]
struct Sa {
    valid: bool,
    enable: bool,
    conf: bool,
    thr: bool,
    exh: bool,
    key: u16,
    next_pn: u64,
    ssci: u32,
    salt: [u32; 3],
}

#[derive(SettleBlock, Default, Debug)]
pub struct TxSaTable {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    /// Removes every SA (reset, cipher-suite change).
    pub clear: Signal<In, Bit>,
    pub suite_xpn: Signal<In, Bit>,
    /// Window operations on SA `c_an`, at the edge: install (words c_d0..c_d6), change only
    /// ENABLE, remove.
    pub c_install: Signal<In, Bit>,
    pub c_enable_only: Signal<In, Bit>,
    pub c_remove: Signal<In, Bit>,
    pub c_an: Signal<In, Bits<2>>,
    pub c_d0: Signal<In, Bits<32>>,
    pub c_d1: Signal<In, Bits<32>>,
    pub c_d2: Signal<In, Bits<32>>,
    pub c_d3: Signal<In, Bits<32>>,
    pub c_d4: Signal<In, Bits<32>>,
    pub c_d5: Signal<In, Bits<32>>,
    pub c_d6: Signal<In, Bits<32>>,
    /// The nextPN in c_d1/c_d2 is 0 or beyond the suite's last PN.
    pub c_pn_bad: Signal<Out, Bit>,
    pub r_an: Signal<In, Bits<2>>,
    pub r_d0: Signal<Out, Bits<32>>,
    pub r_d1: Signal<Out, Bits<32>>,
    pub r_d2: Signal<Out, Bits<32>>,
    pub r_d3: Signal<Out, Bits<32>>,
    pub r_d4: Signal<Out, Bits<32>>,
    pub r_d5: Signal<Out, Bits<32>>,
    pub r_d6: Signal<Out, Bits<32>>,
    pub thr_lo: Signal<In, Bits<32>>,
    pub thr_hi: Signal<In, Bits<32>>,
    pub sci_lo: Signal<In, Bits<32>>,
    pub sci_hi: Signal<In, Bits<32>>,
    pub t_an: Signal<In, Bits<2>>,
    /// Installed, enabled and not exhausted.
    pub t_usable: Signal<Out, Bit>,
    pub t_conf: Signal<Out, Bit>,
    pub t_pn_lo: Signal<Out, Bits<32>>,
    pub t_pn_hi: Signal<Out, Bits<32>>,
    /// Taking this PN reaches the threshold (first time) / uses the last PN.
    pub t_thr: Signal<Out, Bit>,
    pub t_exh: Signal<Out, Bit>,
    pub t_iv0: Signal<Out, Bits<32>>,
    pub t_iv1: Signal<Out, Bits<32>>,
    pub t_iv2: Signal<Out, Bits<32>>,
    /// Take the PN of SA `t_an` (at the edge).
    pub t_take: Signal<In, Bit>,
    _sa: [Sa; 4],
}

fn pn64(lo: u32, hi: u32) -> u64 {
    (hi as u64) << 32 | lo as u64
}

impl TxSaTable {
    fn max_pn(&self) -> u64 {
        if self.suite_xpn.val() {
            u64::MAX
        } else {
            u32::MAX as u64
        }
    }
}

impl Logic for TxSaTable {
    fn update(&mut self) {
        let v = |x: &Signal<In, Bits<32>>| x.val().to_u32();
        let max = self.max_pn();
        let thr = pn64(v(&self.thr_lo), v(&self.thr_hi));
        if self.clock.pos_edge() {
            if self.clear.val() {
                self._sa = [Sa::default(); 4];
            } else {
                if self.t_take.val() {
                    let sa = &mut self._sa[self.t_an.val().index()];
                    if sa.valid {
                        let pn = sa.next_pn;
                        sa.next_pn = pn.saturating_add(1);
                        sa.thr |= pn >= thr;
                        sa.exh |= pn >= max;
                    }
                }
                {
                    let d0 = v(&self.c_d0);
                    let sa = &mut self._sa[self.c_an.val().index()];
                    if self.c_install.val() {
                        *sa = Sa {
                            valid: true,
                            enable: t::CTRL_ENABLE.get(d0) != 0,
                            conf: t::CTRL_CONF.get(d0) != 0,
                            thr: false,
                            exh: false,
                            key: t::CTRL_KEY.get(d0) as u16,
                            next_pn: pn64(v(&self.c_d1), v(&self.c_d2)),
                            ssci: v(&self.c_d3),
                            salt: [v(&self.c_d4), v(&self.c_d5), v(&self.c_d6)],
                        }
                    } else if self.c_enable_only.val() {
                        sa.enable = sa.valid && t::CTRL_ENABLE.get(d0) != 0;
                    } else if self.c_remove.val() {
                        *sa = Sa::default();
                    }
                }
            }
        }
        let pn = pn64(v(&self.c_d1), v(&self.c_d2));
        self.c_pn_bad.next = pn == 0 || pn > max;
        let r = self._sa[self.r_an.val().index()];
        let words = if r.valid {
            [
                t::CTRL_ENABLE.val(r.enable as u32)
                    | t::CTRL_CONF.val(r.conf as u32)
                    | t::CTRL_THRESHOLD.val(r.thr as u32)
                    | t::CTRL_EXHAUSTED.val(r.exh as u32)
                    | t::CTRL_VALID.bit()
                    | t::CTRL_KEY.val(r.key as u32),
                r.next_pn as u32,
                (r.next_pn >> 32) as u32,
                r.ssci,
                r.salt[0],
                r.salt[1],
                r.salt[2],
            ]
        } else {
            [0; 7]
        };
        for (o, w) in [
            &mut self.r_d0,
            &mut self.r_d1,
            &mut self.r_d2,
            &mut self.r_d3,
            &mut self.r_d4,
            &mut self.r_d5,
            &mut self.r_d6,
        ]
        .into_iter()
        .zip(words)
        {
            o.next = (w as u64).into();
        }
        let s = self._sa[self.t_an.val().index()];
        let s = if s.valid { s } else { Sa::default() };
        let pn = s.next_pn;
        self.t_usable.next = s.valid && s.enable && !s.exh;
        self.t_conf.next = s.conf;
        self.t_pn_lo.next = (pn as u32 as u64).into();
        self.t_pn_hi.next = (pn >> 32).into();
        self.t_thr.next = s.valid && pn >= thr && !s.thr;
        self.t_exh.next = s.valid && pn >= max;
        let iv = if self.suite_xpn.val() {
            [
                s.salt[0] ^ s.ssci,
                s.salt[1] ^ (pn >> 32) as u32,
                s.salt[2] ^ pn as u32,
            ]
        } else {
            [v(&self.sci_hi), v(&self.sci_lo), pn as u32]
        };
        self.t_iv0.next = (iv[0] as u64).into();
        self.t_iv1.next = (iv[1] as u64).into();
        self.t_iv2.next = (iv[2] as u64).into();
    }

    fn connect(&mut self) {
        self.c_pn_bad.connect();
        self.r_d0.connect();
        self.r_d1.connect();
        self.r_d2.connect();
        self.r_d3.connect();
        self.r_d4.connect();
        self.r_d5.connect();
        self.r_d6.connect();
        self.t_usable.connect();
        self.t_conf.connect();
        self.t_pn_lo.connect();
        self.t_pn_hi.connect();
        self.t_thr.connect();
        self.t_exh.connect();
        self.t_iv0.connect();
        self.t_iv1.connect();
        self.t_iv2.connect();
    }

    fn hdl(&self) -> Verilog {
        let f = |x: macsec_model::regmap::Field| x.lsb;
        Verilog::Custom(format!(
            "reg [3:0] valid, enable, conf, thr, exh;
reg [15:0] key [0:3];
reg [63:0] npn [0:3];
reg [31:0] ssci [0:3];
reg [95:0] salt [0:3];
wire [63:0] max = suite_xpn ? 64'hffffffffffffffff : 64'h00000000ffffffff;
wire [63:0] threshold = {{thr_hi, thr_lo}};
wire [63:0] cpn = {{c_d2, c_d1}};
wire [63:0] tpn = valid[t_an] ? npn[t_an] : 64'd0;
always @(posedge clock) begin
  if (clear) begin
    valid <= 4'd0; enable <= 4'd0; conf <= 4'd0; thr <= 4'd0; exh <= 4'd0;
  end else begin
    if (t_take & valid[t_an]) begin
      npn[t_an] <= (tpn == 64'hffffffffffffffff) ? tpn : tpn + 64'd1;
      if (tpn >= threshold) thr[t_an] <= 1'b1;
      if (tpn >= max) exh[t_an] <= 1'b1;
    end
    if (c_install) begin
          valid[c_an] <= 1'b1;
          enable[c_an] <= c_d0[{en}];
          conf[c_an] <= c_d0[{cf}];
          thr[c_an] <= 1'b0;
          exh[c_an] <= 1'b0;
          key[c_an] <= c_d0[{key}+15:{key}];
          npn[c_an] <= cpn;
          ssci[c_an] <= c_d3;
          salt[c_an] <= {{c_d4, c_d5, c_d6}};
    end else if (c_enable_only) begin
      enable[c_an] <= valid[c_an] & c_d0[{en}];
    end else if (c_remove) begin
      valid[c_an] <= 1'b0; enable[c_an] <= 1'b0; conf[c_an] <= 1'b0;
      thr[c_an] <= 1'b0; exh[c_an] <= 1'b0;
    end
  end
end
always @(*) begin
  c_pn_bad = (cpn == 64'd0) | (cpn > max);
  if (valid[r_an]) begin
    r_d0 = ({{31'd0, enable[r_an]}} << {en}) | ({{31'd0, conf[r_an]}} << {cf})
         | ({{31'd0, thr[r_an]}} << {th}) | ({{31'd0, exh[r_an]}} << {ex})
         | (32'd1 << {vl}) | ({{16'd0, key[r_an]}} << {key});
    {{r_d2, r_d1}} = npn[r_an];
    r_d3 = ssci[r_an];
    {{r_d4, r_d5, r_d6}} = salt[r_an];
  end else begin
    r_d0 = 32'd0; r_d1 = 32'd0; r_d2 = 32'd0; r_d3 = 32'd0; r_d4 = 32'd0; r_d5 = 32'd0; r_d6 = 32'd0;
  end
  t_usable = valid[t_an] & enable[t_an] & ~exh[t_an];
  t_conf = valid[t_an] & conf[t_an];
  {{t_pn_hi, t_pn_lo}} = tpn;
  t_thr = valid[t_an] & (tpn >= threshold) & ~thr[t_an];
  t_exh = valid[t_an] & (tpn >= max);
  if (suite_xpn) begin
    t_iv0 = valid[t_an] ? salt[t_an][95:64] ^ ssci[t_an] : 32'd0;
    t_iv1 = valid[t_an] ? salt[t_an][63:32] ^ tpn[63:32] : 32'd0;
    t_iv2 = valid[t_an] ? salt[t_an][31:0] ^ tpn[31:0] : 32'd0;
  end else begin
    t_iv0 = sci_hi;
    t_iv1 = sci_lo;
    t_iv2 = tpn[31:0];
  end
end
",
            en = f(t::CTRL_ENABLE),
            cf = f(t::CTRL_CONF),
            th = f(t::CTRL_THRESHOLD),
            ex = f(t::CTRL_EXHAUSTED),
            vl = f(t::CTRL_VALID),
            key = f(t::CTRL_KEY),
        ))
    }
}
