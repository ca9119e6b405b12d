"""The queue (取号/叫号): tickets taken on site or by appointment, called to the windows that serve them."""
