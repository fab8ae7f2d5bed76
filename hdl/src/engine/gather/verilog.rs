//! The gather's Verilog body: the input register, the 48-octet buffer (octet 0 its most
//! significant byte) and the two barrel shifters that `super` describes.

pub const BODY: &str = "reg [383:0] buffer;
reg [5:0] k;
// The input register: a push, taken when it is empty or its push goes into the buffer.
reg in_full;
reg [127:0] p_a, p_b, p_meta;
reg [3:0] p_start;
reg [4:0] p_alen, p_blen;
reg p_end, p_eom, p_aad;
reg pend_end, pend_eom, cur_aad, sop_next;
reg [127:0] meta;
// The next state and outputs, computed combinationally; the clocked block only registers them.
reg [383:0] nb;
reg [5:0] nk;
reg [5:0] rem;
reg ne, nm, ns, n_aad;
reg [127:0] n_meta, a_sh, b_sh, n_d, n_m;
reg n_valid, n_sop, n_eop, n_oaad;
reg [15:0] n_mask;
wire out_free = ~out_valid | out_ready;
wire [4:0] a_n = (p_alen > 5'd16) ? 5'd16 : p_alen;
wire [4:0] b_n = (p_blen > 5'd16) ? 5'd16 : p_blen;
wire take = pend_end ? (out_free & (k <= 6'd16)) : ((k < 6'd16) | ((k < 6'd32) & out_free));
always @(*) in_ready = ~in_full | take;
always @(*) begin
  nb = buffer; nk = k; ne = pend_end; nm = pend_eom; ns = sop_next; rem = 6'd0;
  n_aad = cur_aad; n_meta = meta; a_sh = 128'd0; b_sh = 128'd0;
  n_valid = out_valid; n_sop = out_sop; n_eop = out_eop; n_oaad = out_aad; n_mask = out_mask;
  n_d = {out_d0, out_d1, out_d2, out_d3}; n_m = {out_m0, out_m1, out_m2, out_m3};
  if (out_free) begin
    n_valid = 1'b0;
    if ((nk >= 6'd16) | (ne & (nk != 6'd0))) begin
      rem = (nk >= 6'd16) ? nk - 6'd16 : 6'd0;
      n_valid = 1'b1;
      n_mask = (nk >= 6'd16) ? 16'hffff : ~(16'hffff >> nk);
      n_d = nb[383:256];
      n_sop = ns;
      n_eop = ne & nm & (rem == 6'd0);
      n_oaad = cur_aad;
      n_m = meta;
      nb = nb << 128;
      nk = rem;
      ns = 1'b0;
      if ((rem == 6'd0) & ne) begin
        ns = nm; ne = 1'b0; nm = 1'b0;
      end
    end
  end
  if (in_full & take) begin
    a_sh = p_a << (8 * p_start);
    a_sh = a_sh & ~({128{1'b1}} >> (8 * a_n));
    b_sh = p_b & ~({128{1'b1}} >> (8 * b_n));
    nb = nb | ({a_sh, 256'd0} >> (8 * nk)) | ({b_sh, 256'd0} >> (8 * (nk + a_n)));
    nk = nk + a_n + b_n;
    ne = p_end; nm = p_eom;
    n_aad = p_aad;
    n_meta = p_meta;
  end
end
always @(posedge clock) begin
  if (reset) begin
    buffer <= 384'd0; k <= 6'd0; pend_end <= 1'b0; pend_eom <= 1'b0; cur_aad <= 1'b0;
    sop_next <= 1'b1; meta <= 128'd0;
    out_valid <= 1'b0; out_sop <= 1'b0; out_eop <= 1'b0; out_aad <= 1'b0; out_mask <= 16'd0;
    out_d0 <= 32'd0; out_d1 <= 32'd0; out_d2 <= 32'd0; out_d3 <= 32'd0;
    out_m0 <= 32'd0; out_m1 <= 32'd0; out_m2 <= 32'd0; out_m3 <= 32'd0;
    in_full <= 1'b0; p_a <= 128'd0; p_b <= 128'd0; p_meta <= 128'd0; p_start <= 4'd0;
    p_alen <= 5'd0; p_blen <= 5'd0; p_end <= 1'b0; p_eom <= 1'b0; p_aad <= 1'b0;
  end else begin
    if (~in_full | take) begin
      in_full <= in_valid;
      p_a <= {a_d0, a_d1, a_d2, a_d3}; p_b <= {b_d0, b_d1, b_d2, b_d3};
      p_meta <= {in_m0, in_m1, in_m2, in_m3}; p_start <= a_start;
      p_alen <= a_len; p_blen <= b_len; p_end <= in_end; p_eom <= in_eom; p_aad <= in_aad;
    end
    buffer <= nb; k <= nk; pend_end <= ne; pend_eom <= nm; sop_next <= ns;
    cur_aad <= n_aad; meta <= n_meta;
    out_valid <= n_valid; out_sop <= n_sop; out_eop <= n_eop; out_aad <= n_oaad; out_mask <= n_mask;
    {out_d0, out_d1, out_d2, out_d3} <= n_d;
    {out_m0, out_m1, out_m2, out_m3} <= n_m;
  end
end
";
