package com.storewire.connectors.core;

/** Why one item of a bulk call did not apply, after how many attempts of the call. */
public record ItemFailure(VendorFailure failure, int attempts) {}
