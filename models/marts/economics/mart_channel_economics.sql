{{ revops.channel_economics_mart('first_touch') }}
