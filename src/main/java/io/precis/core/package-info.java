/**
 * What every feature shares and that depends on nothing of the service: the failures a client is told about, the
 * hash, and the check of the settings' constraints.
 */
package io.precis.core;
