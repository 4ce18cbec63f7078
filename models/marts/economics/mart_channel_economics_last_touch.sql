{{ revops.channel_economics_mart('last_touch') }}
