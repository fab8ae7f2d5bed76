//! The receive SA table's Verilog body, with the memories, ports and forwarding `super`
//! describes.

use macsec_model::regmap::tables::rx_sa as t;

use crate::engine::params::{ANS, AN_BITS, KEY_BITS, RX_SAS, SA_BITS};

// An SA's core key slot is its index, zero-extended.
const _: () = assert!(KEY_BITS > SA_BITS);

pub fn verilog() -> String {
    format!(
        "reg [{m}:0] valid, enable;
reg [32:0] lowhi [0:{m}];
reg [7:0] infl [0:{m}];
reg [32:0] spec [0:{m}];
// {{nextPN, lowestPN}}: port A at the end of a frame, port B for the window.
(* ram_style = \"block\" *) reg [127:0] pn [0:{m}];
// {{key identifier, SSCI, salt}}: read for the window, and at a frame's start.
(* ram_style = \"block\" *) reg [143:0] cfg_r [0:{m}];
(* ram_style = \"block\" *) reg [127:0] cfg_l [0:{m}];
reg [{ia}:0] ea_q, rb_q, cr_q, ci_addr_q;
reg [127:0] a_rd, b_rd, a_wd_q, b_wd_q, k_rd;
reg a_we_q, b_we_q, ci_we_q, kx_q;
reg [143:0] cr_rd, ci_wd_q;
reg [31:0] ivp0, ivp1, ivp2;
integer k;
// The PN from its low half `p` and bits 63:31 of the lowest acceptable PN (all it needs).
function [63:0] recover;
  input [31:0] p;
  input [32:0] l;
  begin
    recover = {{l[32:1] + ((l[0] & ~p[31]) ? 32'd1 : 32'd0), p}};
  end
endfunction
function [63:0] sat_inc;
  input [63:0] x;
  begin
    sat_inc = (x == 64'hffffffffffffffff) ? x : x + 64'd1;
  end
endfunction
function [63:0] sat_sub;
  input [63:0] a;
  input [63:0] b;
  begin
    sat_sub = (a > b) ? a - b : 64'd0;
  end
endfunction
function [63:0] max64;
  input [63:0] a;
  input [63:0] b;
  begin
    max64 = (a > b) ? a : b;
  end
endfunction
// The larger of a and b, or with `use_c` of a, b and c: the three comparisons side by side,
// then one select (not two maxima in a row).
function [63:0] max3;
  input [63:0] a;
  input [63:0] b;
  input [63:0] c;
  input use_c;
  reg ab, ac, bc;
  begin
    ab = a > b; ac = a > c; bc = b > c;
    if (~use_c) max3 = ab ? a : b;
    else max3 = (ab & ac) ? a : ((~ab & bc) ? b : c);
  end
endfunction
wire [{ia}:0] l_index = {{l_slot, l_an}};
wire [{ia}:0] e_index = {{e_slot, e_an}};
wire [63:0] maxpn = suite_xpn ? 64'hffffffffffffffff : 64'h00000000ffffffff;
wire [63:0] w = {{32'd0, window}};
wire [63:0] cnext = {{c_d2, c_d1}};
wire [63:0] clow = {{c_d4, c_d3}};
wire [63:0] epn = {{e_pn_hi, e_pn_lo}};
// The lookup in two register stages: the SA's state read at `l_index` (r_*), then its PN
// recovered, the hazard and what a frame taken would leave behind (d_*: the outputs, and what
// a start or a take at the next edges uses).
reg [{ia}:0] r_li, d_li;
reg r_lv, r_len, r_busy, d_lv, d_len, d_hz;
reg [32:0] r_llh, r_spec, d_take;
reg [31:0] r_p;
reg [63:0] d_pn;
wire [63:0] rpn = suite_xpn ? recover(r_p, r_llh) : {{32'd0, r_p}};
wire [32:0] rspec = (r_llh > r_spec) ? r_llh : r_spec;
wire [63:0] take_spec = sat_sub(sat_inc(rpn), w);
always @(posedge clock) begin
  if (clear) begin
    r_li <= {sa}'d0; r_lv <= 1'b0; r_len <= 1'b0; r_busy <= 1'b0;
    r_llh <= 33'd0; r_spec <= 33'd0; r_p <= 32'd0;
    d_li <= {sa}'d0; d_lv <= 1'b0; d_len <= 1'b0; d_hz <= 1'b0; d_pn <= 64'd0; d_take <= 33'd0;
  end else begin
    r_li <= l_index;
    r_lv <= valid[l_index];
    r_len <= valid[l_index] & enable[l_index];
    r_llh <= valid[l_index] ? lowhi[l_index] : 33'd0;
    r_spec <= spec[l_index];
    r_busy <= (infl[l_index] != 8'd0);
    r_p <= l_pn32;
    d_li <= r_li;
    d_lv <= r_lv;
    d_len <= r_len;
    d_pn <= rpn;
    d_hz <= suite_xpn & r_busy & (recover(r_p, rspec) != rpn);
    d_take <= take_spec[63:31];
  end
end
wire [7:0] ecnt = (infl[e_index] == 8'd0) ? 8'd0 : infl[e_index] - 8'd1;
wire [32:0] espec = (ecnt == 8'd0) ? 33'd0 : spec[e_index];
// Port A: the SA at the end, forwarded the writes of the last edge; the commit.
wire [127:0] pa = (b_we_q & (rb_q == ea_q)) ? b_wd_q : (a_we_q ? a_wd_q : a_rd);
// The commit's sums, registered from the head's PN (see `_e_next` in `super`).
reg [63:0] e_next_q, e_low_q;
always @(posedge clock)
  if (clear) begin e_next_q <= 64'd0; e_low_q <= 64'd0; end
  else begin e_next_q <= sat_inc(epn); e_low_q <= sat_sub(sat_inc(epn), w); end
wire a_upd = e_commit & e_valid & valid[e_index] & (epn >= pa[127:64]);
wire [127:0] a_new = {{e_next_q, max64(pa[63:0], e_low_q)}};
// Port B: the window's SA; an install, or a PN update merged with a commit to the same SA this
// cycle (both ports hold that SA then, and the maxima combine in either order).
wire [127:0] pb = (a_we_q & (ea_q == rb_q)) ? a_wd_q : (b_we_q ? b_wd_q : b_rd);
wire b_we = c_install | (c_update_pn & valid[c_index]);
// An install's lowest PN, registered from the DATA words and the window (an install executes
// cycles after its words are written: the key expansion runs between).
reg [63:0] c_low_q;
always @(posedge clock)
  if (clear) c_low_q <= 64'd0;
  else c_low_q <= (clow != 64'd0) ? clow : max64(sat_sub(cnext, w), 64'd1);
wire b_merge = a_upd & (e_index == c_index);
wire [127:0] b_new = c_install
  ? {{cnext, c_low_q}}
  : {{max3(pb[127:64], cnext, e_next_q, b_merge), max3(pb[63:0], clow, e_low_q, b_merge)}};
wire a_we = a_upd & ~(b_we & (c_index == e_index));
wire [{ia}:0] b_addr = b_we ? c_index : r_next;
wire [143:0] c_cfg = {{c_d0[{key}+15:{key}], c_d5, c_d6, c_d7, c_d8}};
wire [143:0] cr = (ci_we_q & (ci_addr_q == cr_q)) ? ci_wd_q : cr_rd;
// The memories, read before they write.
always @(posedge clock) begin
  if (~clear & a_we) pn[e_index] <= a_new;
  if (clear) a_rd <= 128'd0; else a_rd <= pn[e_index];
end
always @(posedge clock) begin
  if (~clear & b_we) pn[b_addr] <= b_new;
  if (clear) b_rd <= 128'd0; else b_rd <= pn[b_addr];
end
always @(posedge clock) begin
  if (~clear & c_install) cfg_r[c_index] <= c_cfg;
  if (clear) cr_rd <= 144'd0; else cr_rd <= cfg_r[b_addr];
end
always @(posedge clock) begin
  if (~clear & c_install) cfg_l[c_index] <= c_cfg[127:0];
  if (clear) k_rd <= 128'd0; else if (l_start) k_rd <= cfg_l[d_li];
end
always @(posedge clock) begin
  if (clear) begin
    valid <= {n}'d0; enable <= {n}'d0;
    for (k = 0; k <= {m}; k = k + 1) begin infl[k] <= 8'd0; spec[k] <= 33'd0; lowhi[k] <= 33'd0; end
    ea_q <= {sa}'d0; a_we_q <= 1'b0; a_wd_q <= 128'd0;
    rb_q <= {sa}'d0; b_we_q <= 1'b0; b_wd_q <= 128'd0;
    cr_q <= {sa}'d0; ci_we_q <= 1'b0; ci_addr_q <= {sa}'d0; ci_wd_q <= 144'd0;
    kx_q <= 1'b0; ivp0 <= 32'd0; ivp1 <= 32'd0; ivp2 <= 32'd0;
  end else begin
    ea_q <= e_index; a_we_q <= a_we; a_wd_q <= a_new;
    rb_q <= b_addr; b_we_q <= b_we; b_wd_q <= b_new;
    cr_q <= b_addr; ci_we_q <= c_install; ci_addr_q <= c_index; ci_wd_q <= c_cfg;
    if (l_start) begin
      kx_q <= suite_xpn & d_lv;
      ivp0 <= suite_xpn ? 32'd0 : l_sci_hi;
      ivp1 <= suite_xpn ? d_pn[63:32] : l_sci_lo;
      ivp2 <= d_pn[31:0];
    end
    if (a_we) lowhi[e_index] <= a_new[63:31];
    if (b_we) lowhi[c_index] <= b_new[63:31];
    if (e_commit & l_take & (e_index == d_li)) begin
      infl[e_index] <= ecnt + 8'd1;
      spec[e_index] <= (espec > d_take) ? espec : d_take;
    end else begin
      if (e_commit) begin
        infl[e_index] <= ecnt;
        spec[e_index] <= espec;
      end
      if (l_take) begin
        infl[d_li] <= (infl[d_li] == 8'hff) ? 8'hff : infl[d_li] + 8'd1;
        spec[d_li] <= (spec[d_li] > d_take) ? spec[d_li] : d_take;
      end
    end
    if (c_install) begin
      valid[c_index] <= 1'b1;
      enable[c_index] <= c_d0[{en}];
    end else if (c_enable_only) begin
      enable[c_index] <= valid[c_index] & c_d0[{en}];
    end else if (c_remove) begin
      valid[c_index] <= 1'b0;
      enable[c_index] <= 1'b0;
    end else if (c_remove_sc) begin
      valid[{{c_sc, {an}'d0}} +: {ans}] <= {ans}'d0;
      enable[{{c_sc, {an}'d0}} +: {ans}] <= {ans}'d0;
    end
  end
end
always @(*) begin
  c_pn_bad = (cnext == 64'd0) | (cnext > maxpn) | ((clow != 64'd0) & (clow > maxpn));
  if (valid[rb_q]) begin
    r_d0 = ({{31'd0, enable[rb_q]}} << {en}) | (32'd1 << {vl}) | ({{16'd0, cr[143:128]}} << {key});
    {{r_d2, r_d1}} = pb[127:64];
    {{r_d4, r_d3}} = pb[63:0];
    r_d5 = cr[127:96];
    {{r_d6, r_d7, r_d8}} = cr[95:0];
  end else begin
    r_d0 = 32'd0; r_d1 = 32'd0; r_d2 = 32'd0; r_d3 = 32'd0; r_d4 = 32'd0;
    r_d5 = 32'd0; r_d6 = 32'd0; r_d7 = 32'd0; r_d8 = 32'd0;
  end
  l_key = {{{kx}'d0, d_li}};
  l_valid = d_lv;
  l_enable = d_len;
  {{l_pn_hi, l_pn_lo}} = d_pn;
  l_hazard = d_hz;
  l_iv0 = ivp0 ^ (kx_q ? (k_rd[95:64] ^ k_rd[127:96]) : 32'd0);
  l_iv1 = ivp1 ^ (kx_q ? k_rd[63:32] : 32'd0);
  l_iv2 = ivp2 ^ (kx_q ? k_rd[31:0] : 32'd0);
  e_ready = (e_index == ea_q);
  e_below = valid[e_index] & (epn < pa[63:0]);
end
",
        m = RX_SAS - 1,
        n = RX_SAS,
        sa = SA_BITS,
        ia = SA_BITS - 1,
        an = AN_BITS,
        ans = ANS,
        kx = KEY_BITS - SA_BITS,
        en = t::CTRL_ENABLE.lsb,
        vl = t::CTRL_VALID.lsb,
        key = t::CTRL_KEY.lsb,
    )
}
