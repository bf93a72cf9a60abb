package org.pbx.marketplace.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAreAsWideAsTheirLongestCell() {
        String table = new Table("Module", "Type").row("org.pbx.demo.callback", "free").row("x", null).toString();
        assertEquals("Module                 Type\n"
                + "---------------------  ----\n"
                + "org.pbx.demo.callback  free\n"
                + "x\n", table);
    }

    @Test
    void aRowOfTheWrongWidthIsABug() {
        assertThrows(IllegalArgumentException.class, () -> new Table("a", "b").row("only one"));
    }
}
