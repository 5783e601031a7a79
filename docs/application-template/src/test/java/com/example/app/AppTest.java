package com.example.app;

import io.github.zmqffm.LoadedLibrary;
import io.github.zmqffm.Zmq;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppTest {

    @Test
    void roundTripThroughTheBundledLibzmq() {
        assertEquals("HELLO", App.roundTrip("hello"));
        assertEquals(LoadedLibrary.Source.BUNDLED, Zmq.library().source());
        assertTrue(Zmq.has("curve") && Zmq.has("draft"));
    }
}
