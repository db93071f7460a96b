/**
 * Metering: what each caller (an API key, or a client address without keys) may ask of the service and what it
 * asked. Limits in requests and in characters of article per minute ({@link io.precis.metering.Limits}), counts of
 * use by day ({@link io.precis.metering.UsageLedger}), both shared by the replicas through Redis when it is there.
 */
package io.precis.metering;
