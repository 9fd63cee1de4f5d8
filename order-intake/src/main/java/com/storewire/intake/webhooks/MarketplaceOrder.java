package com.storewire.intake.webhooks;

import com.storewire.events.Address;
import com.storewire.events.Money;
import com.storewire.events.OrderLine;
import java.util.List;

/** A marketplace order in Storewire's terms, read from a vendor's payload. */
record MarketplaceOrder(
    String channelOrderId,
    List<OrderLine> lines,
    Money total,
    String customerEmail,
    Address shipTo) {}
