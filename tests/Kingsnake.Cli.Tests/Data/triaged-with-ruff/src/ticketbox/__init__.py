"""Ticketbox: sells and checks event tickets."""
