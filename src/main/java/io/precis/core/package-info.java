/**
 * What every feature shares and that depends on nothing of the service: the failures a client is told about, and the
 * hash.
 */
package io.precis.core;
