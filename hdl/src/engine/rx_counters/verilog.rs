//! The receive counter bank's Verilog body: the SecY registers, and per memory (SC packets, SC
//! octets, SA counters) its increment pipeline and CSR copy, as `super` describes them.

use macsec_model::regmap::counters::window as cw;

use super::{SA_CNTS, SA_STRIDE, SC_OCTS, SC_PKTS};
use crate::engine::counters::{
    layout, rx_sa_id, rx_sc_id, verilog_ids, verilog_map, RX_SA, RX_SC, SECY,
};
use crate::engine::params::{ANS, RX_SAS, RX_SCS, SA_BITS, SC_BITS};

// The addresses below multiply by 8 and 2 (counters per SC) and by 8 (words per SA) as shifts and
// adds, and an SC's SAs (4 of them, 8 words each) are 32 words; the SC octet address pads the
// 2-bit octet kind to SC_BITS + 1 bits.
const _: () = assert!(
    SC_PKTS == 8 && SC_OCTS == 2 && SA_CNTS <= 8 && SA_STRIDE == 8 && ANS == 4 && SC_BITS >= 2
);
/// Address widths of the three memories: 8 × RX_SCS, 2 × RX_SCS and 8 × RX_SAS words.
const PW: usize = SC_BITS + 3;
const OW: usize = SC_BITS + 1;
const AW: usize = SA_BITS + 3;

/// One memory's increment pipeline and CSR copy, in Verilog: its name, words and address
/// width; `e`/`a`/`inc`: this cycle's event into it; `cov(x)`: whether this edge's clears hide
/// word x; `ra`: the CSR copy's read address.
struct MemV<'a> {
    name: &'a str,
    words: usize,
    aw: usize,
    e: &'a str,
    a: &'a str,
    inc: &'a str,
    cov: &'a dyn Fn(&str) -> String,
    ra: &'a str,
}

fn verilog_mem(v: &MemV) -> String {
    let MemV {
        name,
        words,
        aw,
        e,
        a,
        inc,
        cov,
        ra,
    } = *v;
    let m = words - 1;
    let n = name;
    format!(
        "(* ram_style = \"block\" *) reg [63:0] {n}_ma [0:{m}];
(* ram_style = \"block\" *) reg [63:0] {n}_mb [0:{m}];
reg [{m}:0] {n}_z;
reg [63:0] {n}_q, {n}_qb, {n}_wd;
reg {n}_qz, {n}_rz, {n}_pv, {n}_wv;
reg [{awm}:0] {n}_pa, {n}_wa;
reg [63:0] {n}_pinc;
integer {n}_k;
wire {n}_e = {e};
wire [{awm}:0] {n}_a = {a};
wire [{awm}:0] {n}_ra = {ra};
// Stage B: the word read at the last edge, or what that edge wrote there.
wire [63:0] {n}_new = ((({n}_wv && {n}_wa == {n}_pa) ? {n}_wd : ({n}_qz ? 64'd0 : {n}_q))) + {n}_pinc;
always @(posedge clock) begin
  {n}_q <= {n}_ma[{n}_a];
  {n}_qb <= {n}_mb[{n}_ra];
  if ({n}_pv) begin
    {n}_ma[{n}_pa] <= {n}_new;
    {n}_mb[{n}_pa] <= {n}_new;
  end
end
always @(posedge clock) begin
  {n}_qz <= {n}_z[{n}_a];
  {n}_rz <= {n}_z[{n}_ra];
  {n}_pa <= {n}_a;
  {n}_pinc <= {inc};
  {n}_wa <= {n}_pa;
  {n}_wd <= {n}_new;
  if (clear) begin
    {n}_z <= {{{words}{{1'b1}}}};
    {n}_pv <= 1'b0;
    {n}_wv <= 1'b0;
  end else begin
    if ({n}_pv) {n}_z[{n}_pa] <= 1'b0;
    for ({n}_k = 0; {n}_k < {words}; {n}_k = {n}_k + 1)
      if ({cov_k}) {n}_z[{n}_k] <= 1'b1;
    {n}_pv <= {n}_e && !({cov_a});
    {n}_wv <= {n}_pv && !({cov_pa});
  end
end
initial {n}_z = {{{words}{{1'b1}}}};
",
        awm = aw - 1,
        cov_k = cov(&format!("{n}_k")),
        cov_a = cov(&format!("{n}_a")),
        cov_pa = cov(&format!("{n}_pa")),
    )
}

pub(super) fn verilog() -> String {
    let l = layout();
    // Per memory: the clears that hide word x (a name: an address or the loop's integer,
    // sliced to the memory's address width here).
    let cov_scp = |x: &str| format!("clr_sc_q && {x}[{}:3] == cslot", PW - 1);
    let cov_sco = |x: &str| format!("clr_sc_q && {x}[{}:1] == cslot", OW - 1);
    let cov_sac = |x: &str| {
        format!(
            "clr_all_sa_q || (clr_sa_q && {x}[{}:3] == clr_index_q) || (clr_sc_q && {x}[{}:5] == cslot)",
            AW - 1,
            AW - 1
        )
    };
    // The CSR copies' addresses from SEL's next value.
    let sc_slot = verilog_ids(&l.rx_sc.ids, "    ", |i| format!("4'd{i}"))
        .replace("r_id", "n_id")
        .replace("v = ", "n_sc_slot = ");
    let sa_slot = verilog_ids(&l.rx_sa.ids, "    ", |i| format!("4'd{i}"))
        .replace("r_id", "n_id")
        .replace("v = ", "n_sa_slot = ");
    let secy_case = verilog_ids(&l.rx_secy.ids, "    ", |i| {
        format!("secy_z[{i}] ? 64'd0 : secy[{} +: 64]", 64 * i)
    });
    let scp = verilog_mem(&MemV {
        name: "scp",
        words: SC_PKTS * RX_SCS,
        aw: PW,
        e: "ev && ev_sc_hit && scm >= 0",
        a: "pi",
        inc: "64'd1",
        cov: &cov_scp,
        ra: &format!("{{n_index[{}:0], n_sc_slot[2:0]}}", SC_BITS - 1),
    });
    let sco = verilog_mem(&MemV {
        name: "sco",
        words: SC_OCTS * RX_SCS,
        aw: OW,
        e: "ev && ev_sc_hit && (ev_oct_kind == 2'd1 || ev_oct_kind == 2'd2)",
        a: "oi",
        inc: "oct",
        cov: &cov_sco,
        ra: &format!("{{n_index[{}:0], n_sc_slot[0]}}", SC_BITS - 1),
    });
    let sac = verilog_mem(&MemV {
        name: "sac",
        words: SA_STRIDE * RX_SAS,
        aw: AW,
        e: "ev && ev_sc_hit && ev_sa_hit && sam >= 0",
        a: "ai",
        inc: "64'd1",
        cov: &cov_sac,
        ra: &format!("{{n_index[{}:0], n_sa_slot[2:0]}}", SA_BITS - 1),
    });
    format!(
        "reg [1023:0] secy;
reg [15:0] secy_z;
initial secy_z = 16'hffff;
reg [63:0] v;
integer m;
integer j;
integer scm, sam;
wire [63:0] oct = {{48'd0, ev_octets}};
wire [{sa_m}:0] sa_i = {{ev_sc, ev_an}};
wire [3:0] ok = {{2'd0, ev_oct_kind}} + 4'd11;
wire [{pw_m}:0] pi = {{ev_sc, 3'd0}} + scm[{pw_m}:0];
// Used only for ev_oct_kind 1 or 2, so 0..2*RX_SCS-1.
wire [{ow_m}:0] oi = {{ev_sc, 1'b0}} + {{{op}'d0, ev_oct_kind}} - {ow}'d1;
wire [{aw_m}:0] ai = {{sa_i, sam[2:0]}};
// The window's clears, registered at the bank's input as the events are at the ingress's edge
// (`ev_reg.rs`), so the two keep their order; a reset acts at once.
reg clr_sc_q, clr_sa_q, clr_all_sa_q;
reg [{sa_m}:0] clr_index_q;
reg [{sc_m}:0] cslot;
always @(posedge clock) begin
  if (clear) begin
    clr_sc_q <= 1'b0; clr_sa_q <= 1'b0; clr_all_sa_q <= 1'b0; clr_index_q <= {sa}'d0; cslot <= {sc}'d0;
  end else begin
    clr_sc_q <= clr_sc; clr_sa_q <= clr_sa; clr_all_sa_q <= clr_all_sa; clr_index_q <= clr_index; cslot <= clr_slot;
  end
end
// SEL's next value: which SC or SA counter the CSR copies read.
wire [7:0] n_id = sel_next[{id_hi}:{id_lo}];
wire [15:0] n_index = sel_next[{ix_hi}:{ix_lo}];
wire [3:0] n_scope = sel_next[{sc_hi}:{sc_lo}];
reg [3:0] n_sc_slot, n_sa_slot;
reg n_sc_ok, n_sa_ok;
always @(*) begin
  n_sc_slot = 4'd15;
  {sc_slot}
  n_sa_slot = 4'd15;
  {sa_slot}
  n_sc_ok = (n_scope == 4'd{sc_s}) && (n_index < 16'd{nsc}) && (n_sc_slot != 4'd15);
  n_sa_ok = (n_scope == 4'd{sa_s}) && (n_index < 16'd{nsa}) && (n_sa_slot != 4'd15);
end
// Which copy the read register took at the last edge: 1 SC packets, 2 SC octets, 3 SA.
reg [1:0] r_kind;
always @(*) begin
  m = -1;
  case (ev_counter)
{scmap}    default: ;
  endcase
  scm = m;
  m = -1;
  case (ev_counter)
{samap}    default: ;
  endcase
  sam = m;
end
{scp}{sco}{sac}always @(posedge clock) begin
  r_kind <= n_sc_ok ? (n_sc_slot < 4'd{sc_pk} ? 2'd1 : 2'd2) : (n_sa_ok ? 2'd3 : 2'd0);
  if (clear) begin
    secy_z <= 16'hffff;
  end else if (ev) begin
    // The SecY counters: each its own adder and enable (the packet counter of the frame's
    // decision, its octet counter, InPktsUnknownSCI, InPktsNoSCI).
    for (j = 0; j < 16; j = j + 1)
      if ((j < 12 && ev_counter == j[3:0])
          || ((j == 12 || j == 13) && (ev_oct_kind == 2'd1 || ev_oct_kind == 2'd2) && ok == j[3:0])
          || (j == 14 && ev_unknown_sci) || (j == 15 && ev_no_sci)) begin
        secy[64*j +: 64] <= (secy_z[j] ? 64'd0 : secy[64*j +: 64]) + ((j == 12 || j == 13) ? oct : 64'd1);
        secy_z[j] <= 1'b0;
      end
  end
end
always @(*) begin
  v = 64'd0;
  case (r_scope)
    4'd{secy_s}: {secy_case}
    4'd{sc_s}, 4'd{sa_s}:
      case (r_kind)
        2'd1: v = scp_rz ? 64'd0 : scp_qb;
        2'd2: v = sco_rz ? 64'd0 : sco_qb;
        2'd3: v = sac_rz ? 64'd0 : sac_qb;
        default: ;
      endcase
    default: ;
  endcase
  {{r_hi, r_lo}} = v;
end
",
        id_lo = cw::SEL_ID.lsb,
        id_hi = cw::SEL_ID.lsb + cw::SEL_ID.width - 1,
        ix_lo = cw::SEL_INDEX.lsb,
        ix_hi = cw::SEL_INDEX.lsb + cw::SEL_INDEX.width - 1,
        sc_lo = cw::SEL_SCOPE.lsb,
        sc_hi = cw::SEL_SCOPE.lsb + cw::SEL_SCOPE.width - 1,
        nsc = RX_SCS,
        sa_m = SA_BITS - 1,
        sa = SA_BITS,
        sc_m = SC_BITS - 1,
        sc = SC_BITS,
        pw_m = PW - 1,
        ow_m = OW - 1,
        ow = OW,
        op = OW - 2,
        aw_m = AW - 1,
        nsa = RX_SAS,
        sc_pk = SC_PKTS,
        scmap = verilog_map(rx_sc_id),
        samap = verilog_map(rx_sa_id),
        secy_s = SECY,
        sc_s = RX_SC,
        sa_s = RX_SA,
    )
}
