//! The MACsec engine around the GCM cores: egress (protect) and ingress (validate) pipelines,
//! the tables, the counters and the CSR block of `macsec-model::regmap`.

pub mod adders;
pub mod axi;
pub mod bus;
pub mod control;
pub mod counters;
pub mod csr_map;
pub mod data_bank;
pub mod egress;
pub mod ev_reg;
pub mod fifo;
pub mod gather;
pub mod ingress;
pub mod irq;
pub mod key_id_ram;
pub mod key_ram;
pub mod params;
pub mod pins;
pub mod reset_decode;
pub mod rust_hdl;
pub mod rx_admit;
pub mod rx_back;
pub mod rx_counters;
pub mod rx_front;
pub mod rx_head;
pub mod rx_parse;
pub mod rx_sa;
pub mod rx_sc;
pub mod secy_regs;
pub mod sim;
pub mod top;
pub mod tx_back;
pub mod tx_front;
pub mod tx_head;
pub mod tx_sa;
pub mod window;
