package com.storewire.intake.orders;

/** Where an order stands in intake. */
public enum OrderStatus {
  /** Every unit reserved. */
  PLACED,
  /** A storefront order refused for lack of stock; nothing reserved. */
  REJECTED,
  /** A marketplace order sold beyond stock: what was available is reserved, the rest is short. */
  OVERSOLD,
  CANCELLED,
  /** Its reservation ran out before fulfilment and was released. */
  EXPIRED,
  /** Every line shipped: its reserved units left the warehouse with it, so it holds none. */
  FULFILLED;

  public boolean holdsStock() {
    return this == PLACED || this == OVERSOLD;
  }
}
