package com.example.fax;

/**
 * The one class of the paid module SellModuleIT builds and sells: a DS component gated on the new
 * feature "fax" (its descriptor, written by the test, names the condition). It does nothing but be there.
 */
public class FaxSender implements Runnable {
    @Override
    public void run() {
        // A real module would send a fax here.
    }
}
